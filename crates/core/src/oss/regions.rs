//! OSS regions offered in the region picker (free text is accepted too), named in every language.

use crate::lang::Lang;

/// A public OSS region: its id and its name in each language (as the consoles write them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub id: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

impl Region {
    /// The region's name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

const fn r(id: &'static str, en: &'static str, zh: &'static str) -> Region {
    Region { id, en, zh }
}

/// Public OSS regions.
pub const REGIONS: &[Region] = &[
    r("cn-hangzhou", "China (Hangzhou)", "华东1（杭州）"),
    r("cn-shanghai", "China (Shanghai)", "华东2（上海）"),
    r("cn-nanjing", "China (Nanjing - Local Region)", "华东5（南京-本地地域）"),
    r("cn-fuzhou", "China (Fuzhou - Local Region)", "华东6（福州-本地地域）"),
    r("cn-wuhan-lr", "China (Wuhan - Local Region)", "华中1（武汉-本地地域）"),
    r("cn-qingdao", "China (Qingdao)", "华北1（青岛）"),
    r("cn-beijing", "China (Beijing)", "华北2（北京）"),
    r("cn-zhangjiakou", "China (Zhangjiakou)", "华北3（张家口）"),
    r("cn-huhehaote", "China (Hohhot)", "华北5（呼和浩特）"),
    r("cn-wulanchabu", "China (Ulanqab)", "华北6（乌兰察布）"),
    r("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）"),
    r("cn-heyuan", "China (Heyuan)", "华南2（河源）"),
    r("cn-guangzhou", "China (Guangzhou)", "华南3（广州）"),
    r("cn-chengdu", "China (Chengdu)", "西南1（成都）"),
    r("cn-hongkong", "China (Hong Kong)", "中国香港"),
    r("ap-northeast-1", "Japan (Tokyo)", "日本（东京）"),
    r("ap-northeast-2", "South Korea (Seoul)", "韩国（首尔）"),
    r("ap-southeast-1", "Singapore", "新加坡"),
    r("ap-southeast-3", "Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）"),
    r("ap-southeast-5", "Indonesia (Jakarta)", "印度尼西亚（雅加达）"),
    r("ap-southeast-6", "Philippines (Manila)", "菲律宾（马尼拉）"),
    r("ap-southeast-7", "Thailand (Bangkok)", "泰国（曼谷）"),
    r("eu-central-1", "Germany (Frankfurt)", "德国（法兰克福）"),
    r("eu-west-1", "UK (London)", "英国（伦敦）"),
    r("us-west-1", "US (Silicon Valley)", "美国（硅谷）"),
    r("us-east-1", "US (Virginia)", "美国（弗吉尼亚）"),
    r("na-south-1", "Mexico", "墨西哥"),
    r("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）"),
];

/// The name of a region id in `lang`, if it is one of [`REGIONS`].
pub fn name(id: &str, lang: Lang) -> Option<&'static str> {
    REGIONS.iter().find(|r| r.id == id).map(|r| r.name(lang))
}

/// The public endpoint of a region: `https://oss-<region>.aliyuncs.com`.
pub fn default_endpoint(region: &str) -> String {
    format!("https://oss-{region}.aliyuncs.com")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_named_in_each_language_and_listed_once() {
        for (i, r) in REGIONS.iter().enumerate() {
            assert!(!r.en.is_empty() && !r.zh.is_empty(), "{}", r.id);
            assert_ne!(r.en, r.zh, "{}", r.id);
            assert!(REGIONS[i + 1..].iter().all(|o| o.id != r.id), "{} twice", r.id);
        }
        assert_eq!(name("cn-beijing", Lang::Zh), Some("华北2（北京）"));
        assert_eq!(name("cn-beijing", Lang::En), Some("China (Beijing)"));
        assert_eq!(name("xx-nowhere-1", Lang::En), None);
    }
}
