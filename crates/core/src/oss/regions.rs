//! OSS regions offered in the region picker (free text is accepted too).

/// (region id, display name) for public OSS regions.
pub const REGIONS: &[(&str, &str)] = &[
    ("cn-hangzhou", "China (Hangzhou)"),
    ("cn-shanghai", "China (Shanghai)"),
    ("cn-nanjing", "China (Nanjing - Local Region)"),
    ("cn-fuzhou", "China (Fuzhou - Local Region)"),
    ("cn-wuhan-lr", "China (Wuhan - Local Region)"),
    ("cn-qingdao", "China (Qingdao)"),
    ("cn-beijing", "China (Beijing)"),
    ("cn-zhangjiakou", "China (Zhangjiakou)"),
    ("cn-huhehaote", "China (Hohhot)"),
    ("cn-wulanchabu", "China (Ulanqab)"),
    ("cn-shenzhen", "China (Shenzhen)"),
    ("cn-heyuan", "China (Heyuan)"),
    ("cn-guangzhou", "China (Guangzhou)"),
    ("cn-chengdu", "China (Chengdu)"),
    ("cn-hongkong", "China (Hong Kong)"),
    ("ap-northeast-1", "Japan (Tokyo)"),
    ("ap-northeast-2", "South Korea (Seoul)"),
    ("ap-southeast-1", "Singapore"),
    ("ap-southeast-3", "Malaysia (Kuala Lumpur)"),
    ("ap-southeast-5", "Indonesia (Jakarta)"),
    ("ap-southeast-6", "Philippines (Manila)"),
    ("ap-southeast-7", "Thailand (Bangkok)"),
    ("eu-central-1", "Germany (Frankfurt)"),
    ("eu-west-1", "UK (London)"),
    ("us-west-1", "US (Silicon Valley)"),
    ("us-east-1", "US (Virginia)"),
    ("na-south-1", "Mexico"),
    ("me-east-1", "UAE (Dubai)"),
];

/// The public endpoint of a region: `https://oss-<region>.aliyuncs.com`.
pub fn default_endpoint(region: &str) -> String {
    format!("https://oss-{region}.aliyuncs.com")
}
