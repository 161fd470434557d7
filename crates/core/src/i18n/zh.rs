//! The core's messages in Simplified Chinese, in the terms of the Alibaba Cloud consoles
//! (存储空间, 地域, 访问跟踪, 生命周期规则, 操作审计, 日志服务).

use super::{Lang, Msg};
use crate::oss::credentials::PasteError;
use crate::oss::error::{Operation, OssCode, ServiceError};
use crate::oss::session::{BodyProblem, Failure, NotOss};
use crate::oss::validate::InputError;
use crate::trail::bucket::{LeftOut, Listed, ListingProblem, RangeError, TrailError, MAX_DAYS};
use crate::trail::gzip::GzError;
use crate::trail::handoff::{DropReason, FilterPart, LookupNote, PathFidelity, SlsNote, TimeNote, SLS_MAX_CONDITIONS};
use crate::trail::load::{BinaryKind, FileFormat, FileProblem, FormatKind, Skip};
use crate::trail::parse::ParseError;
use crate::trail::protocol::{DetailError, ExportError};
use crate::trail::split::{SkipReason, ValueKind, MAX_EVENT_BYTES};
use crate::trail::store::Field;

const LANG: Lang = Lang::Zh;

/// The Chinese text of `m`.
pub(super) fn text(m: &Msg<'_>) -> String {
    match *m {
        Msg::OssAdvice { error, op } => oss_advice(error, op),
        Msg::FailureSummary(f) => failure_summary(f),
        Msg::FailureAdvice { failure, op, page_origin } => failure_advice(failure, op, page_origin),
        Msg::Input(e) => input(e),
        Msg::Paste(e) => paste(e),
        Msg::FileProblem(p) => file_problem(p),
        Msg::Skip(s) => skip(s),
        Msg::BinaryKind(k) => binary_kind(k).into(),
        Msg::Gzip(e) => gzip(e),
        Msg::Detail(e) => match e {
            DetailError::NotLoaded => "该事件未加载（请加载它所在的文件）".into(),
            DetailError::Cleared => "事件已被清空".into(),
            DetailError::Read(why) => format!("浏览器无法读取它所在的文件（{why}）"),
            DetailError::FileEnded => "文件在该事件之前就结束了（文件是否在磁盘上被修改过？）".into(),
            DetailError::Gzip(g) => gzip(g),
        },
        Msg::Export(e) => match e {
            ExportError::Cleared => "导出过程中事件被清空了".into(),
            ExportError::Read(why) => format!("浏览器无法读取某个文件（{why}）"),
            ExportError::Gzip(g) => gzip(g),
        },
        Msg::Format(f) => format_label(f),
        Msg::Range(e) => range(e),
        Msg::TrailSummary(e) => match e {
            TrailError::Range(r) => range(r),
            TrailError::NoFolders => "未选择地域".into(),
            TrailError::NoTrail { looked_in } => format!("{looked_in} 下没有操作审计的文件夹"),
            TrailError::List { prefix, failure } => format!("列举 {prefix} 失败：{}", failure_summary(failure)),
            TrailError::Listing { prefix, problem } => match problem {
                ListingProblem::TokenRepeated { page } => {
                    format!("{prefix} 的列举在兜圈子：第 {page} 页给出的续传令牌（continuation token）之前的页已经给过")
                }
                ListingProblem::OutOfOrder { page, key } => {
                    format!("{prefix} 的列举在第 {page} 页倒退了：{key} 没有排在前一个键之后")
                }
                ListingProblem::TooLong { what, cap } => format!(
                    "{prefix} 的列举超过 {} {}",
                    super::grouped(*cap),
                    match what {
                        Listed::Pages => "页",
                        Listed::Keys => "个键",
                    }
                ),
            },
            TrailError::Cancelled => "已取消".into(),
        },
        Msg::TrailAdvice { error, page_origin } => match error {
            TrailError::Range(r) => range(r),
            TrailError::NoFolders => "请至少选择一个地域（以及账号）再列举。".into(),
            TrailError::NoTrail { .. } => "请检查前缀：它是跟踪投递到 OSS 时的文件前缀（跟踪设置中的 \
                 OssKeyPrefix），不含 /AliyunLogs；跟踪没有设置前缀时请留空。另请确认该存储空间就是跟踪投递的目标，\
                 并且跟踪已经投递过事件。"
                .into(),
            TrailError::List { failure, .. } => failure_advice(failure, Operation::ListObjectsV2, page_origin),
            TrailError::Listing { problem: ListingProblem::TooLong { .. }, .. } => {
                "操作审计每天每个地域的文件夹只有几百个文件：这个文件夹不属于跟踪，或者服务器没有按要求列举。\
                 请检查存储空间和前缀，或者少选几天。没有加载任何内容。"
                    .into()
            }
            TrailError::Listing { .. } => {
                "OSS 不会这样应答：请确认访问域名指向 OSS（或模拟器），而不是代理或其他服务。\
                 列举已在此停止，没有加载任何内容。"
                    .into()
            }
            TrailError::Cancelled => "已停止列举。重新列举即可从头开始。".into(),
        },
        Msg::LeftOut(r) => match r {
            LeftOut::DotSegment => "键中含有 . 或 ..：浏览器会改写请求地址，因此控制台不请求它".into(),
            LeftOut::KeyTooLong { bytes } => format!("键长 {bytes} 字节；OSS 最多允许 1,023 字节"),
            LeftOut::ImplausibleSize { size } => {
                format!("列举出的大小为 {} 字节：超过 OSS 单次写入能保存的任何对象", super::grouped(*size))
            }
            LeftOut::ImplausibleEvents { events } => {
                format!("文件名写着 {} 个事件，超过任何跟踪文件的容量", super::grouped(*events))
            }
        },
        Msg::FileFailureSummary(f) => {
            format!("{}：{}", f.key.rsplit('/').next().unwrap_or(&f.key), failure_summary(&f.failure))
        }
        Msg::SlsNote(n) => sls_note(n),
        Msg::LookupNote(n) => match n {
            LookupNote::UserIsCallerName => {
                "User 匹配调用者的名称；控制台中的“身份”在没有名称时使用主体 ID（principalId）。".into()
            }
            LookupNote::ResourceNameAnyType => "ResourceName 会匹配任意类型中同名的资源，而不只是存储空间。".into(),
            LookupNote::SensitiveActionFlag => "SensitiveAction=true 是操作审计自身的标记；控制台还会把一组高风险\
                 事件名称，以及设置公共读写 ACL 的 PutBucketAcl 计为敏感操作。"
                .into(),
            LookupNote::Time(t) => time_note(*t),
            LookupNote::EndIsNow => {
                "筛选的时间范围没有终点，而 LookupEvents 需要起止两端：EndTime 取当前时间（打开此面板或上次更改筛选的时刻）。".into()
            }
            LookupNote::StartIsHistoryLimit => {
                "筛选的时间范围没有起点，而 LookupEvents 需要起止两端：StartTime 取 90 天前，即 LookupEvents 能查询的最早时间。"
                    .into()
            }
        },
        Msg::Dropped(d) => format!("{}：{}", filter_part(&d.part), drop_reason(d.reason)),
        Msg::TimeNote(t) => time_note(t),
    }
}

fn oss_advice(e: &ServiceError, op: Operation) -> String {
    match e.oss_code() {
        OssCode::AccessDenied => format!(
            "这组凭证无权执行此操作。请为其对应的 RAM 用户或 RAM 角色授予对该存储空间（资源 {}）的 {} 权限，\
             并确认存储空间的 Bucket Policy 没有拒绝该操作。",
            e.ram_resource(op),
            op.ram_action()
        ),
        OssCode::AccessMonitorDisableNotAllowed => "存储空间存在基于最后访问时间的生命周期规则（IsAccessTime 为 \
             true 的规则）时，无法关闭访问跟踪。请先删除或修改这些生命周期规则，或者保持访问跟踪开启。"
            .into(),
        OssCode::InvalidAccessKeyId => "OSS 无法识别该 AccessKeyId。STS 临时访问凭证过期（通常为一小时）后即失效：\
             请通过 AssumeRole 重新获取并粘贴。如果不是 STS 凭证，请检查是否完整复制，以及该 AccessKey 是否已被禁用。"
            .into(),
        OssCode::SecurityTokenExpired => "STS 临时访问凭证已过期。请通过 AssumeRole 重新获取并粘贴。".into(),
        OssCode::InvalidSecurityToken => "该 SecurityToken 与此 AccessKeyId 不匹配。请粘贴同一次 AssumeRole 返回的 \
             AccessKeyId、AccessKeySecret 和 SecurityToken。"
            .into(),
        OssCode::SignatureDoesNotMatch => "OSS 计算出的签名与请求中的不一致。通常是 AccessKeySecret 有误（请检查\
             是否完整复制），或者地域与存储空间不符。请对比下方 OSS 签名所用的字符串与本控制台的字符串：第一处不同\
             就是问题所在。"
            .into(),
        OssCode::RequestTimeTooSkewed => "本机时钟与 OSS 服务器的时间相差超过 15 分钟，控制台自动校正一次后仍然如此。\
             请校准系统时间（开启自动设置时间）后重试。"
            .into(),
        OssCode::NoSuchBucket => match e.bucket_name.as_deref() {
            Some(b) => format!("此地域中没有名为 {b} 的存储空间。请检查存储空间名称，并选择它创建时所在的地域。"),
            None => "此地域中没有该存储空间。请检查存储空间名称，并选择它创建时所在的地域。".into(),
        },
        OssCode::NoSuchKey => "该文件已不存在（已被删除，或被生命周期规则转移）。请重新列举，加载现有的文件。".into(),
        OssCode::NoSuchLifecycle => "该存储空间没有生命周期规则。".into(),
        OssCode::InvalidRange => "OSS 拒绝了请求的字节范围。请重新加载该文件。".into(),
        OssCode::MalformedXml | OssCode::InvalidDigest => {
            "OSS 无法解析请求体。这是控制台的缺陷：请附上请求 ID 反馈。".into()
        }
        OssCode::AccessForbidden => {
            "存储空间的跨域（CORS）规则不允许此页面访问。请把下方的 CORS 规则添加到该存储空间。".into()
        }
        OssCode::InvalidArgument => format!("OSS 拒绝了一个参数：{}", e.message),
        OssCode::MethodNotAllowed | OssCode::NotImplemented => {
            format!("该 Endpoint 不支持 {}。请确认填写的是 OSS 的 Endpoint。", op.name())
        }
        OssCode::InternalError | OssCode::ServiceUnavailable => "OSS 暂时出现问题，请稍后重试。".into(),
        OssCode::Other(_) => {
            format!("OSS 返回：{}。请在 OSS 文档中查询错误码 {}。", e.message, e.lookup_code())
        }
    }
}

fn failure_summary(f: &Failure) -> String {
    match f {
        Failure::Input(_) => "请检查表单".into(),
        Failure::Unconfirmed { origin } => format!("{origin} 不是 OSS 的 Endpoint"),
        Failure::NoResponse { origin, .. } => format!("{origin} 没有响应"),
        Failure::Timeout { origin } => format!("{origin} 未在限定时间内响应"),
        Failure::Oss { error, .. } => format!("OSS 返回 {} {}：{}", error.status, error.code, error.message),
        Failure::NotOss(NotOss::Redirect) => "Endpoint 返回了重定向，不是 OSS 的响应方式".into(),
        Failure::NotOss(NotOss::Html { status }) => format!("Endpoint 返回了 HTTP {status} 网页，不是 OSS 的响应方式"),
        Failure::NotOss(NotOss::Unexpected { status, detail }) => {
            format!("Endpoint 返回了 HTTP {status}，不是 OSS 的响应方式（{detail}）")
        }
        Failure::BadBody { detail, .. } => format!("无法读取 OSS 的响应：{detail}"),
        Failure::Body(BodyProblem::SizeChanged { listed, sent }) => {
            format!("对象现在是 {} 字节；列举时是 {} 字节", super::grouped(*sent), super::grouped(*listed))
        }
        Failure::Body(BodyProblem::TooLarge { limit }) => {
            format!("接收时超过了 {} MB（浏览器会解码 Content-Encoding: gzip）：已停止（gzip 炸弹？）", limit >> 20)
        }
        Failure::ClockTooFar { offset_ms, server_time } => format!(
            "Endpoint 报告的时间是 {server_time}，比本机时钟{} {} 小时：未校正",
            if *offset_ms > 0 { "快" } else { "慢" },
            offset_ms.unsigned_abs() / 3_600_000
        ),
    }
}

fn failure_advice(f: &Failure, op: Operation, page_origin: &str) -> String {
    match f {
        Failure::Input(e) => input(e),
        Failure::Unconfirmed { .. } => "发往此 Endpoint 的请求会携带您的 AccessKeyId 和 SecurityToken，以及一个在 \
             15 分钟内可被重放到 OSS 的签名。只有当该 Endpoint 由您运行或您信任它（兼容 OSS 的网关、您控制的代理）\
             时才确认。"
            .into(),
        Failure::NoResponse { detail, .. } => format!(
            "浏览器没有收到可以交给此页面的响应。原因可能是：(1) 存储空间的跨域（CORS）规则不允许此页面的源 \
             {page_origin}：请将下方规则添加到存储空间（OSS 控制台 → 该存储空间 → 数据安全 → 跨域设置，或使用 \
             `ossutil cors --method put`）；或 (2) 无法连接 Endpoint：请检查网络、Endpoint 和地域。浏览器不会说明\
             是哪一种（{detail}）。"
        ),
        Failure::Timeout { .. } => "请检查网络和 Endpoint，然后重试。".into(),
        Failure::Oss { error, .. } => oss_advice(error, op),
        Failure::NotOss(NotOss::Redirect) => "签名请求从不跟随重定向（否则会把令牌发往别处）。请直接使用重定向指向的 \
             Endpoint，或检查 Endpoint 地址和寻址方式。"
            .into(),
        Failure::NotOss(_) => "Endpoint 有响应，但不是 OSS 的响应方式。请检查 Endpoint 地址和寻址方式。".into(),
        Failure::Body(BodyProblem::SizeChanged { .. }) => {
            "列举之后它被重新写入了：请重新列举以加载存储空间现在的内容。其他对象已加载。".into()
        }
        Failure::Body(BodyProblem::TooLarge { .. }) => "没有这么大的跟踪文件：已跳过该对象，其他对象已加载。\
             如果它确实是跟踪文件，请下载后拖放到页面上（控制台按自身的限制读取任意大小的 gzip 文件）。"
            .into(),
        Failure::ClockTooFar { .. } => "控制台最多把时钟校正一天：更大的调整会以另一个日期签名请求。\
             请设置本机的日期和时间（自动校时），或确认 Endpoint 确实是 OSS：它给出的 ServerTime 不可信。"
            .into(),
        Failure::BadBody { .. } => "OSS 有响应，但内容不是此调用应返回的结果。请检查 Endpoint 后重试。".into(),
    }
}

fn input(e: &InputError) -> String {
    match e {
        InputError::BucketEmpty => "请输入存储空间名称。".into(),
        InputError::BucketLength(n) => format!("存储空间名称长度为 3～63 个字符，当前为 {n} 个。"),
        InputError::BucketChars(c) => format!("存储空间名称只能包含小写字母、数字和短划线（-）（发现了 {c:?}）。"),
        InputError::BucketEdges => "存储空间名称必须以小写字母或数字开头和结尾。".into(),
        InputError::RegionEmpty => "请输入地域 ID，例如 cn-hangzhou。".into(),
        InputError::RegionInvalid(r) => format!("“{r}”不是地域 ID：请使用小写字母、数字和短划线，例如 cn-hangzhou。"),
        InputError::EndpointNotUrl => "Endpoint 必须是网址，例如 https://oss-cn-hangzhou.aliyuncs.com。".into(),
        InputError::EndpointInsecure => {
            "Endpoint 必须使用 https；只有 localhost 和 127.0.0.1（本地模拟器）可以使用 http。".into()
        }
        InputError::EndpointHasPath => "Endpoint 只包含协议、主机和端口：请删除路径、查询参数或用户名。".into(),
        InputError::VirtualHostedNeedsName(host) => {
            format!("虚拟托管寻址需要主机名而不是 IP 地址：请为 {host} 选择路径寻址（Path-style）。")
        }
        InputError::AccessKeyIdEmpty => "请输入 AccessKeyId。".into(),
        InputError::AccessKeySecretEmpty => "请输入 AccessKeySecret。".into(),
        InputError::TokenMissing => "以“STS.”开头的 AccessKeyId 还需要对应的 SecurityToken。".into(),
        InputError::Whitespace(name) => format!("{name} 中有空格或换行：请去掉后重新粘贴。"),
    }
}

fn paste(e: &PasteError) -> String {
    match e {
        PasteError::Empty => "没有粘贴任何内容。".into(),
        PasteError::JsonWithoutKeys => "这段 JSON 中没有 AccessKeyId/AccessKeySecret。请粘贴 `aliyun sts \
             AssumeRole` 的输出（\"Credentials\" 对象或完整响应）。"
            .into(),
        PasteError::Unrecognized => "这段文本既不是 STS 返回的 JSON，也没有 OSS_ACCESS_KEY_ID= / \
             OSS_ACCESS_KEY_SECRET= 行。请粘贴 AssumeRole 的输出或这些环境变量行。"
            .into(),
        PasteError::Incomplete { found, missing, lines: false } => {
            format!("找到了 {found}，但没有 {missing}。请把全部凭证一起粘贴。")
        }
        PasteError::Incomplete { found, missing, lines: true } => {
            format!("找到了 {found} 这一行，但没有 {missing} 这一行。请把全部凭证一起粘贴。")
        }
    }
}

fn file_problem(p: &FileProblem) -> String {
    match p {
        FileProblem::Empty => "文件为空".into(),
        FileProblem::Binary { signature: Some(kind) } => format!("是二进制数据，不是事件（{}）", binary_kind(*kind)),
        FileProblem::Binary { signature: None } => "是二进制数据，不是事件".into(),
        FileProblem::NotEvents { first: Some(s) } => {
            format!("不是操作审计事件文件：{}（第 {} 行）", skip(&s.reason), s.line)
        }
        FileProblem::NotEvents { first: None } => "不是操作审计事件文件：没有找到事件对象".into(),
        FileProblem::Gzip(g) => gzip(g),
        FileProblem::Truncated => "文件在某个事件的中间结束了（被截断了？）".into(),
        FileProblem::InflatesTooMuch { limit } => {
            format!("解压后超过 {} GB：已停止（可能是 gzip 炸弹？）", limit >> 30)
        }
        FileProblem::InflateRatio { ratio } => format!("解压后超过原大小的 {ratio} 倍：已停止（可能是 gzip 炸弹？）"),
        FileProblem::StoreFull { limit } => {
            format!("控制台最多容纳 {limit} 个事件：加载到此为止；请先清空或筛选，再加载更多")
        }
        FileProblem::Read(why) => format!("浏览器无法读取该文件（{why}）"),
    }
}

fn skip(s: &Skip) -> String {
    match s {
        Skip::Split(r) => match r {
            SkipReason::NotAnObject(kind) => {
                let kind = match kind {
                    ValueKind::String => "字符串",
                    ValueKind::Array => "数组",
                    ValueKind::NumberOrLiteral => "数字或字面量",
                };
                format!("此处应为事件对象，实际是{kind}")
            }
            SkipReason::TopLevelText => "不是 JSON 的文本".into(),
            SkipReason::TooLarge => format!("对象超过 {} MB（或缺少右花括号）", MAX_EVENT_BYTES >> 20),
            SkipReason::Truncated => "文件在某个事件的中间结束了（被截断了？）".into(),
            SkipReason::Unfinished => "不是有效的 JSON：这一行在对象结束之前就结束了".into(),
        },
        Skip::Parse(e) => match e {
            ParseError::Json(detail) => format!("不是有效的 JSON（{detail}）"),
            ParseError::NotAnEvent => "不是事件（没有 eventId、eventName 或 eventTime）".into(),
            ParseError::NoTime => "没有 eventTime".into(),
            ParseError::BadTime(t) => format!("eventTime {t:?} 不是 ISO 8601 格式的 UTC 时间"),
        },
    }
}

fn binary_kind(k: BinaryKind) -> &'static str {
    match k {
        BinaryKind::Zip => "ZIP 压缩包：请解压后拖入其中的文件",
        BinaryKind::Zstd => "zstd 压缩数据（从日志服务下载的文件常为 .zst）：请先用 `zstd -d` 解压",
        BinaryKind::Snappy => "snappy 压缩数据（日志服务投递可能写出这种格式）：请先解压",
        BinaryKind::Bzip2 => "bzip2 压缩数据：请先用 `bunzip2` 解压",
        BinaryKind::Xz => "xz 压缩数据：请先用 `xz -d` 解压",
        BinaryKind::SevenZip => "7-Zip 压缩包：请先解压",
        BinaryKind::NestedGzip => "gzip 里又套了一层 gzip：请先解压一次，再拖入结果",
        BinaryKind::Pdf => "PDF 文档",
        BinaryKind::Png => "PNG 图片",
        BinaryKind::Jpeg => "JPEG 图片",
        BinaryKind::Parquet => "Parquet 文件",
        BinaryKind::Program => "可执行程序（ELF）",
        BinaryKind::Sqlite => "SQLite 数据库",
        BinaryKind::Utf16 => "UTF-16 文本：请另存为 UTF-8 后重新拖入",
    }
}

fn gzip(e: &GzError) -> String {
    match e {
        GzError::BadMagic => "不是 gzip：开头的字节不是 1f 8b 08".into(),
        GzError::Corrupt(at) => format!("gzip 数据在压缩后第 {at} 字节附近损坏"),
        GzError::Checksum => "gzip 校验和不符：文件已损坏".into(),
        GzError::Truncated => "gzip 文件提前结束了（下载不完整？）".into(),
        GzError::TrailingData(at) => format!("gzip 流结束后，第 {at} 字节处还有多余的数据"),
        GzError::HeaderTooLong => "gzip 头部超过 64 KB（内嵌的文件名或注释过长）：不是跟踪文件".into(),
    }
}

/// The load report's format names (`FileReport::format`), as the loader writes them.
fn format_label(f: &FileFormat) -> String {
    let base = match f.kind {
        FormatKind::Unknown => "",
        FormatKind::NotRead => "未读取",
        FormatKind::Binary => "二进制",
        FormatKind::Empty => "空文件",
        FormatKind::SlsArray => "日志服务日志（JSON 数组）",
        FormatKind::CloudTrailArray => "CloudTrail 事件（JSON 数组）",
        FormatKind::JsonArray => "JSON 数组",
        FormatKind::CloudTrailLookup => "CloudTrail 的 LookupEvents 响应",
        FormatKind::LookupEvents => "LookupEvents 响应",
        FormatKind::CloudTrailRecords => "CloudTrail 记录（Records）",
        FormatKind::SlsLog => "日志服务日志",
        FormatKind::SingleEvent => "单个事件",
        FormatKind::SlsLines => "日志服务 JSON 行",
        FormatKind::Ndjson => "NDJSON（每行一个事件）",
    };
    if f.gzip {
        format!("gzip，{base}")
    } else {
        base.to_string()
    }
}

fn range(e: &RangeError) -> String {
    match e {
        RangeError::BadDate { which, value } => {
            let which = match *which {
                "from" => "开始",
                _ => "结束",
            };
            format!("{which}日期 {value:?} 不是有效日期：请写成 YYYY-MM-DD（UTC 日期），例如 2025-11-01。")
        }
        RangeError::Reversed { from, to } => format!("结束日期（{to}）早于开始日期（{from}）：请交换这两个日期。"),
        RangeError::TooLong { days } => {
            format!("{days} 天超过了单次上限 {MAX_DAYS} 天：请缩短范围（每个地域每天最多写入 288 个文件）。")
        }
    }
}

fn label(f: Field) -> &'static str {
    f.label(LANG)
}

fn sls_note(n: &SlsNote) -> String {
    match n {
        SlsNote::FieldApproximated { field, fidelity } => match fidelity {
            PathFidelity::Exact => {
                format!("{}：读取自 {}。", label(*field), crate::trail::handoff::sls_path(*field).paths.join("、"))
            }
            PathFidelity::IdentityFallback => format!(
                "{}：日志服务会匹配 userIdentity.userName 或 principalId，因此主体 ID 等于该值的事件也会匹配。",
                label(*field)
            ),
            PathFidelity::ResourceName => format!(
                "{}：日志服务无法检索 referencedResources（JSON 数组）内部的字段，因此改用列出事件全部资源的 \
                 event.resourceName。",
                label(*field)
            ),
        },
        SlsNote::WordMatch { field } => format!(
            "{}：含空格、标点或非 ASCII 字符的值按索引分词匹配，包含这些词的其他值也会匹配。",
            label(*field)
        ),
        SlsNote::AbsentUnsupported { field, .. } => {
            format!("{}：“（无）”无法用于从两个字段读取的条件，已略去。", label(*field))
        }
        SlsNote::TextAsWords => {
            "搜索文本作为全文检索：日志服务按完整的词匹配（不匹配词的一部分），并且需要日志库开启全文索引。".into()
        }
        SlsNote::SensitiveApproximated => "“敏感操作”写成了：控制台的高风险事件名称列表、操作审计的 SensitiveAction \
             标记，以及设置公共读写 ACL 的 PutBucketAcl。"
            .into(),
        SlsNote::TooManyConditions { count } => format!(
            "共 {count} 个条件：日志服务的一条查询语句最多支持 {SLS_MAX_CONDITIONS} 个条件，会拒绝此查询。请去掉一些筛选条件。"
        ),
        SlsNote::ErrorsAsSql { limit } => {
            let limit = super::grouped(u64::from(*limit));
            format!(
            "“仅错误”写成了查询语句之后的 SQL 分析语句：需要为 event.errorCode 开启统计分析，结果以表格（而非原始日志）\
             显示，最多返回 {limit} 行。"
        )
        }
        SlsNote::Time(t) => time_note(*t),
    }
}

fn time_note(t: TimeNote) -> String {
    match t {
        TimeNote::Open => "时间范围没有两端：请在执行查询的地方选择时间范围（否则使用服务的默认范围）。".into(),
        TimeNote::RoundedOutward => "时间范围已向外扩展到整秒。".into(),
        TimeNote::Clamped => "早于 1970 年或晚于 9999 年的时间已被截取到这个范围内。".into(),
        TimeNote::Empty => "时间范围不足一整秒，服务会拒绝：请扩大时间范围。".into(),
    }
}

fn values(vs: &[String]) -> String {
    vs.iter().map(|v| if v.is_empty() { "（无）".to_string() } else { v.clone() }).collect::<Vec<_>>().join(" 或 ")
}

fn filter_part(p: &FilterPart) -> String {
    match p {
        FilterPart::Include { field, values: vs } => format!("{} = {}", label(*field), values(vs)),
        FilterPart::Exclude { field, values: vs } => format!("{} ≠ {}", label(*field), values(vs)),
        FilterPart::Text(t) => format!("文本“{t}”"),
        FilterPart::ErrorsOnly => "仅错误".into(),
        FilterPart::SensitiveOnly => "敏感操作".into(),
    }
}

fn drop_reason(r: DropReason) -> &'static str {
    match r {
        DropReason::NoKey => "LookupEvents 没有对应的属性",
        DropReason::SeveralValues => "一个属性只能取一个值，无法表示多个值之间的“或”",
        DropReason::Absent => "属性只能匹配具体的值，不能匹配“缺失”",
        DropReason::Exclude => "属性只能匹配，不能排除",
        DropReason::FreeText => "LookupEvents 不支持文本检索",
        DropReason::NotCombinable => "LookupEvents 不接受它与已保留的属性组合使用",
        DropReason::BeyondTwo => "LookupEvents 最多读取两个属性",
    }
}
