//! The app's words in Simplified Chinese, in the terms of the Alibaba Cloud consoles (访问跟踪,
//! 存储空间, 地域, 生命周期规则, 操作审计, 日志服务).

use super::{dropped_list, Key};
use crate::explorer::state::{Notice, WorkerFailure};
use crate::widgets::format::{count, TimeUnit};
use console_core::i18n::{Lang, Msg};
use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::credentials::PasteFormat;
use console_core::oss::lifecycle_config::{Invalid, StorageClass};
use console_core::screens::fleet::Problem;
use console_core::screens::lifecycle::FormProblem;
use console_core::trail::insights::{Action as Did, Evidence, Insight, Kind, Severity};
use console_core::trail::share;

const LANG: Lang = Lang::Zh;

fn unit(u: TimeUnit) -> &'static str {
    match u {
        TimeUnit::Second => "秒",
        TimeUnit::Minute => "分钟",
        TimeUnit::Hour => "小时",
        TimeUnit::Day => "天",
        TimeUnit::Week => "周",
        TimeUnit::Month => "个月",
        TimeUnit::Year => "年",
    }
}

/// One rate bucket, in words ("1 小时").
fn span(ms: i64) -> String {
    let (n, u) = crate::widgets::format::duration_parts(ms);
    format!("{n} {}", unit(u))
}

fn insight_title(i: &Insight) -> String {
    let v = &i.value;
    match (&i.evidence, i.kind) {
        (Evidence::Rate { seen, bucket_ms, .. }, Kind::CallRate) => match &i.also {
            Some((_, names)) => format!("{v} 在 {} 内调用 {} 共 {seen} 次", span(*bucket_ms), names.join("、")),
            None => format!("{v} 在 {} 内被调用 {seen} 次", span(*bucket_ms)),
        },
        (Evidence::Rate { seen, bucket_ms, .. }, _) => match i.field {
            console_core::trail::store::Field::ErrorCode => format!("{v} 在 {} 内出现 {seen} 次", span(*bucket_ms)),
            _ => format!("{v} 在 {} 内有 {seen} 次调用失败", span(*bucket_ms)),
        },
        (Evidence::New { .. }, _) => format!("新出现的{}：{v}", i.field.label(LANG)),
        (Evidence::Burst { action: Did::Deletes, count, .. }, _) => format!("{v} 在 10 分钟内删除 {count} 次"),
        (Evidence::Burst { count, .. }, _) => format!("{v} 在 10 分钟内变更权限 {count} 次"),
        (Evidence::Change { action, .. }, _) => match action {
            Did::MadePublic => "有存储空间被设为公开",
            Did::LifecycleChanged => "生命周期规则被修改",
            _ => "访问跟踪被切换",
        }
        .into(),
    }
}

fn insight_evidence(i: &Insight) -> String {
    let n = |x: u64| count(LANG, x);
    match &i.evidence {
        Evidence::Rate { seen, median, bucket_ms } if *median < 1.0 => {
            format!("通常每 {} 为 0 次（已加载时间范围内的中位数），此次 {} 次。", span(*bucket_ms), n(*seen))
        }
        Evidence::Rate { seen, median, bucket_ms } => format!(
            "通常每 {} {median:.0} 次（已加载时间范围内的中位数），此次为其 {:.0} 倍。",
            span(*bucket_ms),
            *seen as f64 / median
        ),
        Evidence::New { events, writes, sensitive, baseline_days } => format!(
            "此前 {baseline_days} 天的事件中没有出现；此后共 {} 个事件，{} 个写操作，{} 个敏感操作。",
            n(*events),
            n(*writes),
            n(*sensitive)
        ),
        Evidence::Burst { usual, .. } => format!("通常每 10 分钟 {usual:.1} 次。"),
        Evidence::Change { count, buckets, identities, last_by, .. } => format!(
            "共 {} 次，涉及 {} 个存储空间、{} 个身份；最近一次由 {} 操作。",
            n(*count),
            n(*buckets),
            n(*identities),
            if last_by.is_empty() { "未知身份" } else { last_by }
        ),
    }
}

fn notice(n: &Notice) -> String {
    match n {
        Notice::SampleFailed(why) => format!("无法加载示例事件（{why}）。"),
        Notice::Exporting => "正在导出…".into(),
        Notice::Exported { events, format } => {
            format!("已将 {} 个事件导出为 {}。", count(LANG, *events), format.extension().to_uppercase())
        }
        Notice::ExportStopped(e) => format!("导出已停止：{}。", LANG.text(&Msg::Export(e))),
        Notice::Restarted { events, before, dropped, filter_dropped } => {
            let mut s =
                format!("事件处理线程停止后已重新启动：已从本页面持有的文件重新加载 {} 个事件。", count(LANG, *events));
            if !dropped.is_empty() {
                s.push_str(&format!(
                    "此前已加载 {} 个事件。以下文件两次在读取时导致线程停止，已被略过：{}。请检查这些文件，或在单独的标签页中加载它们。",
                    count(LANG, *before),
                    dropped_list(dropped, "未给出原因")
                ));
            }
            if *filter_dropped {
                s.push_str("筛选条件已清除：线程在回答当前视图的查询之前再次停止，而查询本身可能就是原因。");
            }
            s
        }
        Notice::Cleared { events, files } => {
            format!("已清空来自 {} 个文件的 {} 个事件。", count(LANG, *files as u64), count(LANG, *events))
        }
        Notice::BadRequest(why) => format!("事件处理线程无法理解一个请求：{why}"),
        Notice::Unreadable(why) => format!("无法读取事件处理线程发来的消息：{why}"),
    }
}

/// The Chinese text of `key`.
pub(super) fn text(key: &Key<'_>) -> String {
    match key {
        Key::ProductName => "OSS 控制台".into(),
        Key::TabTracking => "访问跟踪".into(),
        Key::TabEvents => "事件".into(),
        Key::ViewsNav => "视图".into(),
        Key::FooterVersion(v) => format!("OSS 控制台 v{v}"),
        Key::FooterPrivacy => "所有操作都在此标签页中完成；请求只发往您选择的 OSS Endpoint。".into(),
        Key::LangSwitchTitle(name) => format!("将界面语言切换为 {name}"),
        Key::ThemeDark => "☾ 深色".into(),
        Key::ThemeDarkTitle => "深色主题".into(),
        Key::PanicTitle => "控制台因内部错误而停止运行。".into(),
        Key::PanicBody => "请刷新页面重新开始。已加载的事件和输入的凭证都会丢失；请反馈下方的错误信息。".into(),

        Key::Cancel => "取消".into(),
        Key::Copied => "已复制".into(),
        Key::CopyFailed => "未能复制：请选中文本后手动复制".into(),
        Key::Region => "地域".into(),
        Key::EndpointOptional => "Endpoint（地域节点，可选）".into(),
        Key::AddressingStyle => "寻址方式".into(),
        Key::VirtualHosted => "虚拟托管（bucket.endpoint）".into(),
        Key::PathStyle => "路径方式（endpoint/bucket）".into(),
        Key::BucketCardTitle => "存储空间".into(),
        Key::CanonicalRequest => "规范请求（CanonicalRequest）".into(),
        Key::StringToSign => "待签名字符串（StringToSign）".into(),
        Key::CorsRuleTitle => "此存储空间需要的跨域（CORS）规则".into(),
        Key::ResultOk => "成功".into(),
        Key::Unknown => "（未知）".into(),
        Key::NoneValue => "（无）".into(),
        Key::ListSeparator => "；".into(),
        Key::ErrorsOnly => "仅错误".into(),
        Key::SensitiveOnly => "敏感操作".into(),
        Key::BucketLinkLabel(b) => format!("存储空间 {b} 的访问跟踪"),
        Key::BucketLinkText => "访问跟踪".into(),
        Key::ConfirmTitle(origin) => format!("向 {origin} 发送签名请求？"),
        Key::ConfirmBefore => {
            "此 Endpoint 不是 OSS 域名（*.aliyuncs.com），也不是本机。发往该处的每个请求都会携带您的 AccessKeyId ".into()
        }
        Key::ConfirmAfter => "、SecurityToken，以及一个在 15 分钟内可被重放到 OSS 的签名。只有当该 Endpoint 由您运行\
                              或您信任它（兼容 OSS 的网关、您控制的代理）时才继续。您的选择会在此标签页中针对该 Endpoint \
                              记住。"
            .into(),
        Key::ConfirmSend(origin) => format!("发送到 {origin}"),
        Key::NewTab => "（在新标签页中打开）".into(),

        Key::AnnounceStatus(Some(AccessMonitorStatus::Enabled)) => "访问跟踪已开启。".into(),
        Key::AnnounceStatus(Some(AccessMonitorStatus::Disabled)) => "访问跟踪已关闭。".into(),
        Key::AnnounceStatus(None) => "已完成。".into(),
        Key::AnnounceFailed { op, code, summary } => format!("{op} 失败：{code}。{summary}"),
        Key::AnnounceLoading => "正在加载事件…".into(),
        Key::AnnounceLoaded { events, files, problems: 0 } => format!("已从 {files} 个文件加载 {events} 个事件。"),
        Key::AnnounceLoaded { events, files, problems } => {
            format!("已从 {files} 个文件加载 {events} 个事件；其中 {problems} 个文件有问题，请查看加载报告。")
        }
        Key::AnnounceMatches { n, total } => format!("{total} 个事件中有 {n} 个符合条件。"),
        Key::AnnouncePlan(totals) => format!("加载计划已生成：{totals}。"),

        Key::TrackingHeading => "访问跟踪".into(),
        Key::TrackingIntro => "查看并开关存储空间的访问跟踪（GetBucketAccessMonitor / PutBucketAccessMonitor）。\
                               请求在本页中用 OSS V4 签名，只发往下方填写的 Endpoint。"
            .into(),
        Key::LastRequestId => "最近一次请求 ID：".into(),
        Key::BusyReading => "正在读取…".into(),
        Key::BusyEnabling => "正在开启…".into(),
        Key::BusyDisabling => "正在关闭…".into(),
        Key::StatusText(Some(AccessMonitorStatus::Enabled)) => "已开启".into(),
        Key::StatusText(Some(AccessMonitorStatus::Disabled)) => "已关闭".into(),
        Key::StatusText(None) => "未知".into(),
        Key::ReadStatus => "读取状态".into(),
        Key::ReadStatusFirst => "请先读取状态".into(),
        Key::TurnTrackingOff => "关闭访问跟踪".into(),
        Key::TurnTrackingOn => "开启访问跟踪".into(),
        Key::StatusHint => "开启后，OSS 会记录每个文件的最后访问时间，生命周期规则可据此执行操作（例如把 30 天未读取的\
                            文件转换为低频访问存储）。"
            .into(),
        Key::BucketName => "存储空间名称".into(),
        Key::NoAccount => "手头没有账号？".into(),
        Key::UseEmulator => "使用本地模拟器".into(),
        Key::EmulatorHint => "（由 scripts/run.sh 在 http://localhost:9000 启动，使用演示用的 STS 凭证）。".into(),
        Key::CredTitle => "STS 临时访问凭证".into(),
        Key::AccessKeyIdLabel => "AccessKey ID".into(),
        Key::AccessKeySecretLabel => "AccessKey Secret".into(),
        Key::SecurityTokenLabel => "SecurityToken（安全令牌）".into(),
        Key::Show => "显示".into(),
        Key::Hide => "隐藏".into(),
        Key::ShowField(f) => format!("显示 {f}"),
        Key::HideField(f) => format!("隐藏 {f}"),
        Key::CredExpired(ago) => format!("已过期 {ago}，请重新获取 STS 临时访问凭证。"),
        Key::CredExpiresIn(left) => format!("{left} 后过期"),
        Key::CredExpiration(at) => format!("过期时间 {at}"),
        Key::CredPasteSummary => "粘贴凭证（AssumeRole 返回的 JSON 或环境变量行）".into(),
        Key::CredPasteLabel => "粘贴凭证".into(),
        Key::CredPastePlaceholder => "{\"Credentials\":{\"AccessKeyId\":\"STS.…\",\"AccessKeySecret\":\"…\",\
                                      \"SecurityToken\":\"…\",\"Expiration\":\"…\"}}\n或 OSS_ACCESS_KEY_ID=… / \
                                      OSS_ACCESS_KEY_SECRET=… / OSS_SESSION_TOKEN=…"
            .into(),
        Key::CredPasteApply => "使用粘贴的凭证".into(),
        Key::CredPasted { from, key, expires } => {
            let from = match from {
                PasteFormat::StsJson => "AssumeRole 返回的 JSON",
                PasteFormat::EnvLines => "环境变量行",
            };
            match expires {
                Some(at) => format!("已从{from}填入：{key}，{at} 过期。"),
                None => format!("已从{from}填入：{key}。"),
            }
        }
        Key::CredRemember => " 在此标签页中记住（sessionStorage：标签页打开期间保留，浏览器恢复标签页时随之恢复，复制\
                              标签页时一并复制）"
            .into(),
        Key::CredClear => "清除凭证".into(),
        Key::CredHint => "凭证只保存在此标签页的内存中，不会发送给任何人：它们只用于在本页中签名请求。".into(),
        Key::TheirsMissing => "OSS 没有返回它的版本；下方是本控制台的版本。".into(),
        Key::LinesDiffer { title, n } => format!("{title}：{n} 行不同"),
        Key::SignatureSecretWrong => {
            "每一行都与 OSS 计算的一致：AccessKeySecret 不正确（或不属于这个 AccessKeyId）。".into()
        }
        Key::SignatureLinesDiffer(n) => {
            format!("有 {n} 行与 OSS 计算的不同：请求在途中被改动（代理），或地域、Endpoint、访问方式与存储空间不符。")
        }
        Key::Ours => "本控制台".into(),
        Key::Theirs => "OSS".into(),
        Key::SecretWrongHint => {
            "如果两边完全相同，说明 AccessKeySecret 有误：这些字符串中唯一看不到的就是 AccessKeySecret。".into()
        }
        Key::OperationFailed(op) => format!("{op} 失败"),
        Key::RequestIdPart(id) => format!(" · 请求 ID {id}"),
        Key::EcPart(ec) => format!(" · EC {ec}"),
        Key::CopyRule => "复制规则".into(),
        Key::HistoryTitle => "已加载事件中的历史记录".into(),
        Key::HistoryNoEvents => "在“事件”视图中加载此存储空间的操作审计事件（从文件加载，或直接从跟踪投递的存储空间加载），\
                                 即可查看谁修改过它的访问跟踪和生命周期规则。"
            .into(),
        Key::HistoryNoBucket => "输入存储空间名称，即可查看它在已加载事件中的历史记录。".into(),
        Key::HistoryLooking => "正在查找已加载的事件…".into(),
        Key::HistoryNone { bucket, loaded } => {
            format!("在已加载的 {loaded} 个事件中，没有 {bucket} 的访问跟踪或生命周期事件。")
        }
        Key::HistoryNewest { total, shown } => format!("共 {total} 个事件，显示最新的 {shown} 个。"),
        Key::HistoryAll(total) => format!("共 {total} 个事件，最新的在前。"),
        Key::HistoryBy { identity, ip } => format!(" · 由 {identity} 从 {ip} 发起"),
        Key::ShowInEvents => "在“事件”中查看".into(),
        Key::LifecycleTitle => "生命周期规则".into(),
        Key::LifecycleUnknown => "读取状态后即可查看存储空间的生命周期规则。".into(),
        Key::LifecycleFailed { summary, advice } => format!("{summary}。{advice}"),
        Key::LifecycleNone => "没有生命周期规则。".into(),
        Key::LifecycleBlocking(n) => {
            format!("有 {n} 条规则基于最后访问时间：这些规则存在期间，无法关闭访问跟踪。")
        }
        Key::RuleNoId => "（无 ID）".into(),
        Key::RuleWholeBucket => "整个存储空间".into(),
        Key::RulePrefix(p) => format!("前缀 {p}"),
        Key::RuleEnabled => "已启用".into(),
        Key::RuleDisabled => "已禁用".into(),
        Key::LastAccessBadge => "最后访问时间".into(),
        Key::LastAccessBadgeTitle => "基于最后访问时间".into(),
        Key::RuleTransition { noncurrent, class, days, access_time } => {
            let which = if *noncurrent { "历史版本" } else { "文件" };
            let basis = if *access_time { "最后一次访问" } else { "最后一次修改" };
            match days {
                Some(d) => format!("{which}在{basis}的 {d} 天后转换为 {class}"),
                None => format!("{which}在指定日期转换为 {class}"),
            }
        }
        Key::RuleExpiration(d) => format!("最后一次修改的 {d} 天后删除"),
        Key::RuleNoAction => "没有转换或过期删除".into(),
        Key::RequestLog(n) => format!("请求日志（{n}）"),
        Key::RequestLogEmpty => "请求会连同签名详情显示在这里。".into(),
        Key::NoResponse => "无响应".into(),
        Key::DurationMs(ms) => format!(" · {ms} 毫秒"),
        Key::SigningDetails(op) => format!("签名详情（{op}）"),
        Key::SignedHeaders => "参与签名的请求头".into(),
        Key::AuthorizationHeader => "Authorization 请求头".into(),
        Key::NoteClockCorrected { offset, server_time } => {
            format!("本机时钟与 OSS 相差 {offset} 秒（ServerTime {server_time}）：已校正并重试一次")
        }
        Key::NoteNoResponse => "无响应：被跨域（CORS）规则拒绝，或网络不可达".into(),
        Key::NoteRedirect => "重定向：未跟随（否则会把令牌发往别处）".into(),
        Key::NoteTimeout => "未在限定时间内响应".into(),
        Key::TrailWorkerStopped => {
            "获取对象的后台线程停止了，加载随之中止（已用收到的内容重新启动）。再次加载即可获取其余对象：已加载的事件不会重复计算。".into()
        }
        Key::EndpointRegionMismatch { endpoint_region, region } => format!(
            "该 Endpoint 属于 {endpoint_region} 地域，但地域填写的是 {region}：请求按 {region} 签名，发往该 Endpoint 会失败。\
             请修改其中之一，或清空 Endpoint 以使用该地域的默认 Endpoint。"
        ),
        Key::UndoClear => "撤销".into(),
        Key::ClearLog => "清空日志".into(),
        Key::CopyLink => "复制链接".into(),
        Key::BodySent => "发送的请求体".into(),
        Key::TabFleet => "批量存储空间".into(),
        Key::FleetHeading => "批量管理存储空间的访问跟踪".into(),
        Key::FleetIntro => "一次读取和切换多个存储空间的访问跟踪，每次并发六个。请求使用“访问跟踪”视图中的凭证、自定义 Endpoint 和寻址方式（某一地域的 OSS Endpoint 会换成各存储空间自己地域的）；每个存储空间有自己的地域。".into(),
        Key::FleetAddTitle => "哪些存储空间".into(),
        Key::FleetInputLabel => "存储空间，每行一个：名称、oss://bucket/prefix、bucket.oss-<地域>.aliyuncs.com、OSS URL，或 bucket,地域".into(),
        Key::FleetAdd => "添加这些存储空间".into(),
        Key::FleetFromEvents(0) => "添加已加载事件中的存储空间".into(),
        Key::FleetFromEvents(n) => format!("添加已加载事件中的 {n} 个存储空间"),
        Key::FleetFromEventsNone => "请先在“事件”标签页加载事件，之后可添加其中的存储空间。".into(),
        Key::FleetBadLines(n) => format!("{n} 行没有指明存储空间（未添加）："),
        Key::FleetMerged { merged, dropped } => {
            let mut s = String::new();
            if *merged > 0 { s.push_str(&format!("{merged} 个已在列表中（如给出地域则已更新）。")); }
            if *dropped > 0 { s.push_str(&format!("{dropped} 个未添加：列表最多 1,000 个存储空间。")); }
            s
        }
        Key::FleetRead => "全部读取".into(),
        Key::FleetCancel => "取消".into(),
        Key::FleetEnableAll => "在所有显示的存储空间上开启……".into(),
        Key::FleetDisableAll => "在所有显示的存储空间上关闭……".into(),
        Key::FleetRetryFailed(n) => format!("重试失败的（{n} 个）"),
        Key::FleetExport => "导出 CSV".into(),
        Key::FleetClear => "清空列表".into(),
        Key::FleetReading => "读取".into(),
        Key::FleetSwitching(s) => format!("切换为 {}", s.as_str()),
        Key::FleetProgress { kind, done, total, failed, cancelled } => {
            let stop = if *cancelled { "（已取消：已发出的请求仍会返回）" } else { "" };
            format!("{kind}：{total} 个中已完成 {done} 个，失败 {failed} 个{stop}。")
        }
        Key::FleetStoppedCredentials(code) => format!("已停止：OSS 拒绝了凭证（{code}），未再发送任何请求。请在“访问跟踪”中粘贴新的 STS 凭证后重新读取。"),
        Key::FleetStoppedForm(why) => format!("未发送任何请求：{why}"),
        Key::FleetPlanTitle => "执行计划".into(),
        Key::FleetPlan { target, change, same, blocked } => format!(
            "将在 {change} 个存储空间上{}访问跟踪；{same} 个已是 {}（不会向它们发送请求）；{blocked} 个无法切换。",
            if *target == AccessMonitorStatus::Enabled { "开启" } else { "关闭" },
            target.as_str()
        ),
        Key::FleetNotRead => "尚未读取（请先读取）".into(),
        Key::FleetConfirm { target, n } => format!("在 {n} 个存储空间上{}", if *target == AccessMonitorStatus::Enabled { "开启" } else { "关闭" }),
        Key::FleetDropPlan => "取消".into(),
        Key::FleetScriptTitle(n) => format!("本浏览器无法访问的 {n} 个存储空间"),
        Key::FleetScriptHint => "这些存储空间没有返回页面可读取的应答：其 CORS 规则不包含本页面的来源。可用 ossutil 2.x 运行下面的脚本（凭证从环境变量读取，脚本中不含任何密钥），或用下面的命令添加控制台的 CORS 规则后重新读取。".into(),
        Key::FleetCopyScript => "复制脚本".into(),
        Key::FleetDownload => "下载".into(),
        Key::FleetCorsTitle => "为它们添加控制台的 CORS 规则".into(),
        Key::FleetCopyCors => "复制 CORS 命令".into(),
        Key::FleetTableTitle { shown, total } => format!("显示 {total} 个存储空间中的 {shown} 个"),
        Key::FleetFilter => "筛选 ".into(),
        Key::FleetShow => "显示 ".into(),
        Key::FleetShowAll => "全部".into(),
        Key::FleetShowProblems => "有问题的".into(),
        Key::FleetEmpty => "还没有存储空间：请在上方粘贴，或添加已加载事件中的存储空间。".into(),
        Key::FleetStatus => "访问跟踪".into(),
        Key::FleetAccessTimeRules => "基于访问时间的规则".into(),
        Key::FleetLastChange => "事件中最近一次切换".into(),
        Key::FleetProblem => "问题".into(),
        Key::FleetProblemRegion(Some(e)) => format!("位于其他地域：OSS 指明了 {e}"),
        Key::FleetProblemRegion(None) => "位于其他地域".into(),
        Key::FleetProblemText(p) => match p {
            Problem::Cors => "没有页面可读取的应答：存储空间的 CORS 规则不包含本来源".into(),
            Problem::Denied => "拒绝访问：RAM 策略缺少该操作".into(),
            Problem::Missing => "存储空间不存在".into(),
            Problem::Locked => "已锁定：有基于最后访问时间的生命周期规则".into(),
            Problem::Credentials(code) => format!("凭证被拒绝（{code}）"),
            Problem::Region(_) => "位于其他地域".into(),
            Problem::Other(code) => format!("错误：{code}"),
        },
        Key::FleetMoved { from, to } => format!("OSS 表示它位于 {to} 而非 {from}：已改在该地域请求"),
        Key::FleetSwitched => "已切换".into(),
        Key::FleetSeenChange { who, at, failed } => format!("{who}，{at}（UTC）{}", if *failed { "（失败）" } else { "" }),
        Key::TabInsights => "异常洞察".into(),
        Key::InsightsHeading => "洞察：已加载事件中的异常".into(),
        Key::InsightsIntro => "在本标签页内、按固定规则（见 README）对“事件”中已加载的事件分析：远高于自身基线的调用量和错误量、有写操作的新出现者、集中的删除或权限变更，以及敏感变更。每一条都可在事件浏览器中打开对应事件。".into(),
        Key::InsightsNoEvents => "请先在“事件”标签页加载事件：洞察只分析已加载的事件。".into(),
        Key::InsightsComputing => "正在查找异常……".into(),
        Key::InsightsSummary { shown, found, events, ms } => {
            let head = if found > shown { format!("共 {found} 条洞察，显示最严重的 {shown} 条") } else { format!("{shown} 条洞察") };
            format!("{head}，分析了 {events} 个事件，用时 {ms} 毫秒。")
        }
        Key::InsightsNone => "按这些规则，这些事件中没有发现异常。".into(),
        Key::Severity(s) => match s {
            Severity::High => "高",
            Severity::Medium => "中",
            Severity::Low => "低",
        }
        .into(),
        Key::InsightKind(k) => match k {
            Kind::CallRate => "调用量异常",
            Kind::ErrorRate => "错误量异常",
            Kind::FirstSeen => "首次出现",
            Kind::DestructiveBurst => "集中破坏性操作",
            Kind::SensitiveChange => "敏感变更",
        }
        .into(),
        Key::InsightTitle(i) => insight_title(i),
        Key::InsightEvidence(i) => insight_evidence(i),
        Key::InsightWindow { from, to } => format!("{from} → {to}（UTC）"),
        Key::InsightApply => "查看这些事件".into(),
        Key::WhoDidWhat => "活动概况".into(),
        Key::WhoDidWhatLabel(v) => format!("活动概况：{v}"),
        Key::ProfileTitle { field, value } => format!("活动概况 — {field}：{value}"),
        Key::ProfileNone { field, value } => format!("已加载的事件中没有{field}为 {value} 的事件。"),
        Key::ProfileSummary { events, errors, writes, sensitive, first, last } => format!(
            "{events} 个事件（{errors} 个失败，{writes} 个写操作，{sensitive} 个敏感操作），最早 {first}，最晚 {last}（UTC）。"
        ),
        Key::ProfileActivity => "在已加载时间范围内的活动".into(),
        Key::ProfileShowEvents => "查看其事件".into(),
        Key::ProfileClose => "关闭".into(),
        Key::HistoryTrackingChange { from: Some(from), to } => format!("{from} → {to}"),
        Key::HistoryTrackingChange { from: None, to } => format!("改为 {to}"),
        Key::HistoryAsked(to) => format!("请求改为 {to}"),
        Key::HistoryRules { ids, more, succeeded } => {
            let more = if *more > 0 { format!(" 等另外 {more} 条") } else { String::new() };
            if *succeeded { format!("现有规则：{ids}{more}") } else { format!("请求的规则：{ids}{more}") }
        }
        Key::HistoryNoRuleId => "（无 ID）".into(),
        Key::HistoryRulesDeleted => "删除了全部规则".into(),
        Key::DemoReplaces(id) => format!("凭证栏中已有 {id}：使用模拟器会用它的演示凭证替换。"),
        Key::DemoReplace => "替换".into(),
        Key::DemoKeep => "保留我的凭证".into(),
        Key::CopyAsCommand => "复制为命令".into(),
        Key::CommandsNoSecrets => "这些命令不含任何密钥：两者都从 $OSS_SESSION_TOKEN 读取安全令牌，ossutil 从 OSS_ACCESS_KEY_ID 和 OSS_ACCESS_KEY_SECRET 读取 AccessKey。curl 命令重发这次已签名的请求，OSS 在签名后 15 分钟内接受它。".into(),
        Key::CopyAsCurl => "复制为 curl 命令".into(),
        Key::CopyAsOssutil => "复制为 ossutil 命令".into(),
        Key::SkipToTable => "跳到事件表格（t）".into(),
        Key::ColumnsChoose => "显示的列".into(),
        Key::ColumnErrorMessage => "错误信息".into(),
        Key::ColumnRequestId => "请求 ID".into(),
        Key::SensitiveBadge => "敏感".into(),
        Key::FacetKeys => "在分类统计中，用方向键在各个值之间移动；Tab 键转到下一个分类。".into(),
        Key::TimeRangeLabel(zone) => format!("时间范围（{zone}）"),
        Key::RangeFrom(zone) => format!("开始（{zone}）"),
        Key::RangeTo(zone) => format!("结束（{zone}）"),
        Key::LocalZone(offset) => format!("本地时间，UTC{offset}"),
        Key::RangeLocal => "本地时间".into(),
        Key::RangeApply => "应用".into(),
        Key::RangeLastHour => "最近 1 小时".into(),
        Key::RangeLastDay => "最近 24 小时".into(),
        Key::RangeLastWeek => "最近 7 天".into(),
        Key::RangeAll => "全部已加载".into(),
        Key::RangeBad => "请输入 UTC 时间，例如 2025-11-01、2025-11-01 08:30 或 2025-11-01 08:30:15。".into(),
        Key::WindowFromShown => "（当前显示事件的时间跨度：筛选条件未设时间范围）".into(),
        Key::HistoryShowReads(n) => format!(" 同时显示读取操作（{n} 个）"),
        Key::MissingFields(list) => format!("请先填写{list}：尚未发送任何请求。"),
        Key::LinkWaiting => "此链接的视图正在等待其事件：加载相同的文件（或跟踪）后，以下筛选条件即会生效。".into(),
        Key::NoteTooLarge => "响应超过了上限：已停止读取".into(),

        Key::EventsHeading => "事件".into(),
        Key::EventCount(n) => format!("{n} 个事件"),
        Key::WithErrors(n) => format!("其中 {n} 个出错"),
        Key::QueryTime(ms) => format!(" · 查询耗时 {ms} 毫秒"),
        Key::TestCrashWorker => "让事件处理线程崩溃（测试用）".into(),
        Key::Notice(n) => notice(n),
        Key::WorkerRecovering { reason, files, dropped } => {
            let reason = if reason.is_empty() { "未给出原因" } else { reason };
            let mut s = format!(
                "事件处理线程已停止（{reason}）。已启动新的线程，正在重新加载本页面持有的 {files} 个文件；筛选条件和选中项保持不变。"
            );
            if !dropped.is_empty() {
                s.push_str(&format!("以下文件两次在读取时导致线程停止，已被略过：{}。", dropped_list(dropped, "未给出原因")));
            }
            s
        }
        Key::WorkerFailed(WorkerFailure::CouldNotStart(why)) => format!("无法加载事件：事件处理线程无法启动（{why}）。"),
        Key::WorkerFailed(WorkerFailure::DiedTooOften { times, reason }) => {
            format!("无法加载事件：事件处理线程连续 {times} 次停止（{reason}）。请刷新页面。")
        }
        Key::NoMatches => "没有符合这些筛选条件的事件。请移除上方的某个筛选条件，或全部清除。".into(),
        Key::EmptyState => "尚未加载事件。把操作审计事件文件拖放到上方（来自跟踪投递的 OSS 存储空间、LookupEvents 的\
                            返回结果、日志服务导出的文件或 CloudTrail），或者点击“加载示例事件”试一试。"
            .into(),
        Key::DropHere => "将操作审计事件文件拖放到这里".into(),
        Key::DropMore => "拖入更多事件文件即可追加".into(),
        Key::DropHint => " —— 支持 JSON、NDJSON、LookupEvents、日志服务导出或 CloudTrail，可以是 gzip 压缩文件，\
                          也可以一次拖入多个。文件只留在此标签页中。"
            .into(),
        Key::ChooseFiles => "选择文件…".into(),
        Key::ChooseFilesLabel => "选择事件文件".into(),
        Key::LoadSample => "加载示例事件".into(),
        Key::ClearEvents => "清空".into(),
        Key::OrPasteJson => "…或粘贴 JSON".into(),
        Key::PasteEventsLabel => "粘贴事件 JSON".into(),
        Key::PasteEventsPlaceholder => "[{\"eventId\": …}] 或每行一个事件".into(),
        Key::LoadPasted => "加载粘贴的 JSON".into(),
        Key::LoadProgress { read, total, events, seconds } => {
            format!("已读取 {read} / {total} · {events} 个事件 · {seconds} 秒")
        }
        Key::LoadProgressLabel => "加载进度".into(),
        Key::FilesHeading(n) => format!("文件（{n}）"),
        Key::MoreFiles(n) => format!("…另有 {n} 个文件，均已顺利加载。"),
        Key::FilesWaiting(n) => format!("另有 {n} 个文件等待读取。"),
        Key::MoreNotedFiles(n) => format!("另有 {n} 个文件有问题或跳过了条目，未列出。"),
        Key::FilesNotRead(n) => format!("{n} 个文件未读取（文件名和原因）"),
        Key::TallyLoaded(n) => format!("已加载 {n} 个"),
        Key::TallyProblems(n) => format!("有问题 {n} 个"),
        Key::TallyReading(n) => format!("正在读取 {n} 个"),
        Key::TallyWaiting(n) => format!("等待中 {n} 个"),
        Key::TallyCancelled(n) => format!("因取消而中断 {n} 个"),
        Key::TallyNotRead(n) => format!("未读取 {n} 个"),
        Key::FileWaiting => "等待中".into(),
        Key::TrailFetchedReading => "所有对象均已获取；事件仍在读取中（见下方文件列表）。".into(),
        Key::FileNotRead => "未读取".into(),
        Key::FileCancelled => "已取消".into(),
        Key::FileReading { read, size } => format!("正在读取… {read} / {size}"),
        Key::FileProblem => "有问题".into(),
        Key::FileLoaded => "已加载".into(),
        Key::FileEvents(n) => format!(" · {n} 个事件"),
        Key::FileDuplicates(n) => format!(" · {n} 个重复"),
        Key::FileSkipped(n) => format!(" · 跳过 {n} 条"),
        Key::EventsBeforeKept(n) => format!("；此前读取的 {n} 个事件已保留"),
        Key::SkippedEntries(n) => format!("跳过的条目（前 {n} 条）"),
        Key::SkipAt { line, offset, reason } => format!("第 {line} 行（字节 {offset}）：{reason}"),
        Key::SearchLabel => "搜索所有字段".into(),
        Key::SearchPlaceholder => "搜索所有字段…（/）".into(),
        Key::SensitiveTitle => {
            "DeleteBucket、公共读写 ACL、Bucket Policy 和访问跟踪的变更，以及标记为 SensitiveAction 的事件".into()
        }
        Key::ExportFiltered => "导出筛选结果：".into(),
        Key::ExportAs(f) => format!("将筛选出的事件导出为 {f}"),
        Key::ActiveFilters => "当前筛选条件".into(),
        Key::ChipValue { field, exclude: false, value } => format!("{field} = {value}"),
        Key::ChipValue { field, exclude: true, value } => format!("{field} ≠ {value}"),
        Key::ChipTime { from, to } => format!("时间 {from} → {to}"),
        Key::ChipText(t) => format!("文本“{t}”"),
        Key::RemoveFilter(label) => format!("移除筛选条件 {label}"),
        Key::ClearAllFilters => "清除全部筛选条件".into(),
        Key::SummaryLabel => "概览".into(),
        Key::KpiEvents => "事件".into(),
        Key::KpiOf { n, total } => format!("{n} / {total}"),
        Key::KpiErrors => "错误".into(),
        Key::KpiIdentities => "身份".into(),
        Key::KpiSourceIps => "源 IP".into(),
        Key::KpiBuckets => "存储空间".into(),
        Key::KpiSpan => "时间范围（UTC）".into(),
        Key::HistogramTitle => "事件时间分布".into(),
        Key::Span((n, u)) => format!("{n} {}", unit(*u)),
        Key::HistogramHint((n, u)) => format!("每根柱子代表 {n} {}（拖动可选择时间范围）", unit(*u)),
        Key::HistogramLabel(u) => format!("按{}统计的事件直方图", unit(*u)),
        Key::TipErrors(n) => format!(" · {n} 个出错"),
        Key::TimeUtc(t) => format!("{t}（UTC）"),
        Key::TimeLocal(t) => format!("{t}（本地时间）"),
        Key::FacetIncludeTitle(v) => format!("只看 {v}（按住 Alt 点击则排除）"),
        Key::FacetHide(v) => format!("排除 {v}"),
        Key::ShowMore(n) => format!("显示更多（还有 {n} 个值）"),
        Key::ShowFewer => "收起".into(),
        Key::TableTitle => "事件列表".into(),
        Key::TableKeys => "按 j、k 或方向键移动光标，按 Enter 打开事件，按 Esc 关闭。".into(),
        Key::SensitiveOperation => "敏感操作".into(),
        Key::SortNewestFirst => "按最新在前排序".into(),
        Key::SortOldestFirst => "按最早在前排序".into(),
        Key::ColumnTime => "时间（UTC）".into(),
        Key::ColumnEvent => "事件名称".into(),
        Key::ColumnIdentity => "用户名".into(),
        Key::ColumnSourceIp => "源 IP 地址".into(),
        Key::ColumnRegion => "地域".into(),
        Key::ColumnBucket => "存储空间".into(),
        Key::ColumnResult => "结果".into(),
        Key::DetailTitle => "事件 ".into(),
        Key::DetailReading => "正在从文件中读取该事件…".into(),
        Key::DetailFilterTitle { field, value } => format!("只看 {field} = {value}（按住 Alt 点击则排除）"),
        Key::CopyJson => "复制 JSON".into(),
        Key::EventJson => "事件的 JSON".into(),
        Key::DetailUnreadable(why) => format!("无法从文件中读取该事件：{why}"),
        Key::CloseDetail => "关闭详情（Esc）".into(),

        Key::TrailSummary => "从 OSS 存储空间加载：直接读取跟踪投递到的存储空间".into(),
        Key::TrailNeedsCredentials => {
            "请先在“访问跟踪”视图中填写 STS 临时访问凭证（此处也会使用），或者使用本地模拟器。".into()
        }
        Key::TrailPrefix => "跟踪的文件前缀（可为空）".into(),
        Key::TrailFrom => "开始日期（UTC）".into(),
        Key::TrailTo => "结束日期（UTC，包含当天）".into(),
        Key::TrailList => "列举".into(),
        Key::TrailLoad => "加载".into(),
        Key::TrailUseEmulator => "使用本地模拟器的演示跟踪".into(),
        Key::TrailListing { listed, total, files } => {
            format!("正在列举… 已列举 {listed} / {total} 个日期文件夹，找到 {files} 个文件")
        }
        Key::PlanLabel => "加载计划：".into(),
        Key::PlanTotals { files, bytes, events } => format!("{files} 个文件 · {bytes} · 预计 {events} 个事件"),
        Key::PlanRange { from, to } => format!("（{from} 至 {to}，UTC）"),
        Key::PlanEmpty => "此日期范围内没有跟踪文件。请检查前缀和日期（文件夹按 UTC 日期划分）。".into(),
        Key::PlanRegions => "地域".into(),
        Key::PlanSkipped { not_trail, unusual, implausible } => format!(
            "未纳入：{not_trail} 个非跟踪文件的对象，{unusual} 个控制台不请求的键，{implausible} 个大小或事件数不合理的文件。"
        ),
        Key::LinkTrimmed(t) => {
            let mut parts = Vec::new();
            if let Some(n) = t.link_bytes {
                parts.push(format!(
                    "链接长 {} 个字符，只读取了前 {} 个",
                    count(Lang::Zh, n as u64),
                    count(Lang::Zh, share::MAX_LINK_BYTES as u64)
                ));
            }
            for (field, n) in &t.values {
                parts.push(format!("{} 另有 {} 个值未读取", field.label(Lang::Zh), count(Lang::Zh, *n as u64)));
            }
            format!(
                "链接的内容超出了控制台从链接读取的上限（每个字段最多 {} 个值）：{}。使用结果前请检查下面的筛选条件。",
                share::MAX_LINK_VALUES,
                parts.join("；")
            )
        }
        Key::PlanByDay(n) => format!("按地域和日期（{n}）"),
        Key::PlanDay => "日期（UTC）".into(),
        Key::PlanFiles => "文件数".into(),
        Key::PlanSize => "大小".into(),
        Key::PlanEventsExpected => "预计事件数".into(),
        Key::TrailProgress { done, total, received, events, seconds } => {
            format!("{done} / {total} 个文件 · 已接收 {received} · 已读取 {events} 个事件 · {seconds} 秒")
        }
        Key::TrailProgressLabel => "跟踪加载进度".into(),
        Key::TrailLoaded => "已加载。".into(),
        Key::TrailCancelled => "已取消：已读取的文件会保留。".into(),
        Key::TrailStopped { summary, advice } => format!("已停止：{summary}。{advice}"),
        Key::TrailFailure { summary, tries, advice } => format!("：{summary}（尝试 {tries} 次后）。{advice}"),

        Key::BridgeSummary => "超出标签页：在日志服务或 LookupEvents 中使用当前筛选条件".into(),
        Key::BridgeIntro => "浏览器标签页装不下的跟踪保存在日志服务（SLS）中：操作审计会投递到日志库 \
                             actiontrail_<跟踪名称>。可以把当前筛选条件带到那里，或带到操作审计的 LookupEvents 接口。"
            .into(),
        Key::SlsTitle => "日志服务（SLS）查询语句".into(),
        Key::TimeWindowLabel => "时间范围：".into(),
        Key::WindowClosed { from, to, from_s, to_s } => {
            format!("{from} 至 {to}（UTC；Unix 秒 {from_s} 至 {to_s}；请设为查询的时间范围）")
        }
        Key::WindowOpen { from, to } => format!(
            "从{}到{}：请在执行查询的地方选择时间范围（否则使用服务的默认范围）",
            from.map(|f| format!(" {f} ")).unwrap_or_else(|| "最早".into()),
            to.map(|t| format!(" {t} ")).unwrap_or_else(|| "现在".into())
        ),
        Key::CopySlsQuery => "复制为日志服务查询语句".into(),
        Key::SlsProject => "日志服务项目（Project）".into(),
        Key::SlsLogstore => "日志库（Logstore）".into(),
        Key::SlsLogstorePlaceholder => "actiontrail_<跟踪名称>".into(),
        Key::SlsSite => "控制台站点".into(),
        Key::SiteChina => "中国站（aliyun.com）".into(),
        Key::SiteInternational => "国际站（alibabacloud.com）".into(),
        Key::OpenInSls => "在日志服务中打开".into(),
        Key::OpenInSlsHint => "填写跟踪投递到的项目和日志库后，即可在日志服务控制台中打开此查询。".into(),
        Key::LookupTitle => "操作审计 LookupEvents".into(),
        Key::LookupNoAttributes => "没有查询属性：LookupEvents 会返回时间范围内的全部事件。".into(),
        Key::CopyLookupEvents => "复制为 LookupEvents 查询属性".into(),
        Key::CopyLookupCli => "复制 aliyun 命令行".into(),
        Key::LookupDroppedTitle(n) => {
            format!("LookupEvents 最多接受两个精确匹配的查询属性；筛选条件中有 {n} 项未能带过去：")
        }
        Key::ColdTitle => "冷数据".into(),
        Key::ColdIntro => "某个前缀下哪些对象已经很久没有被读取。控制台会列出这些对象（最多 200,000 个），并按大小抽样读取最多 2,000 个对象的最后访问时间（GetObjectMeta），以便准确估算字节数。不会写入任何内容。".into(),
        Key::ColdPrefix => "前缀（留空：整个存储空间）".into(),
        Key::ColdDays => "规则的天数（距最后一次访问）".into(),
        Key::ColdSmallFiles => "计入小于 64 KB 的对象（规则勾选了“小文件也转换”）".into(),
        Key::ColdScan => "扫描".into(),
        Key::ColdCancel => "取消".into(),
        Key::ColdListing(n) => format!("正在列举：已列出 {n} 个对象…"),
        Key::ColdReading { listed, read, to_read, failed } => {
            format!("已列出 {listed} 个对象；已读取 {to_read} 个中 {read} 个的最后访问时间（失败 {failed} 个）…")
        }
        Key::ColdDaysInvalid => "请输入 1 到 36,500 之间的整数天数。".into(),
        Key::ColdHeadline { days, cold, standard, objects, margin: Some(m) } => format!(
            "{days} 天的规则预计会转换标准存储 {standard} 中的约 {cold}（± {m}），约 {objects} 个对象。"
        ),
        Key::ColdHeadline { days, cold, standard, objects, margin: None } => {
            format!("{days} 天的规则会转换标准存储 {standard} 中的 {cold}，共 {objects} 个对象。")
        }
        Key::ColdScope { place, objects, bytes } => format!("{place}：{objects} 个对象，{bytes}。"),
        Key::ColdExact => "已读取全部对象：数字是精确值。".into(),
        Key::ColdSampled { read, listed } => format!("根据 {listed} 个对象中按大小抽样的 {read} 个估算；± 为 95% 置信区间。"),
        Key::ColdCapped(cap) => format!("列举在 {cap} 个键处停止：数字只涵盖这些对象。"),
        Key::ColdCancelled => "已取消：数字基于取消前读取到的内容。".into(),
        Key::ColdFailedReads(n) => format!("{n} 次读取在重试后仍失败，未计入（原因见浏览器开发者工具的网络面板）。"),
        Key::ColdHeadBlocked => "列举成功，但读取对象时没有得到页面可读的响应：存储空间的 CORS 规则需要允许 HEAD 并暴露 x-oss-last-access-time。下面的规则两者都满足：".into(),
        Key::ColdNoAccessTimes => "读取到的对象都没有最后访问时间：访问跟踪未开启或刚开启，或者 CORS 规则没有暴露 x-oss-last-access-time。".into(),
        Key::ColdUnreadStrata(n) => format!("有 {n} 个大小分组没有读取到任何对象：数字未包含它们，因此只是下限。"),
        Key::ColdLoop => "列举出现重复（返回了用过的续传令牌），已停止。请重新扫描；如果仍然重复，说明该 Endpoint 的响应与 OSS 不一致。".into(),
        Key::ColdNothingRead => "没有读取到任何最后访问时间，因此无从估算（下方列举得到的数字是精确值）。".into(),
        Key::ColdAgeTitle => "按最后访问时间".into(),
        Key::ColdClassTitle => "按存储类型（来自列举：精确值）".into(),
        Key::ColdAge(None) => "无访问时间".into(),
        Key::ColdAge(Some((lo, Some(hi)))) => format!("{lo}–{hi} 天"),
        Key::ColdAge(Some((lo, None))) => format!("超过 {} 天", lo.saturating_sub(1)),
        Key::ColdNoAccessHint => "“无访问时间”：OSS 没有返回该字段（对象上次被读取时访问跟踪未开启，或对象早于访问跟踪）。".into(),
        Key::ColdLastRead => "最后访问".into(),
        Key::ColdObjects => "对象数".into(),
        Key::ColdBytes => "字节数".into(),
        Key::ColdShare => "字节占比".into(),
        Key::ColdClass => "存储类型".into(),
        Key::ColdMakeRule(days) => format!("为此前缀创建 {days} 天的规则…"),
        Key::LcEdit => "编辑规则".into(),
        Key::LcReading => "正在读取生命周期配置…".into(),
        Key::LcIntro => "在这里可以添加、编辑、禁用和删除基于最后一次访问时间的规则。其他规则，以及编辑器未显示的配置内容，都会原样保留。".into(),
        Key::LcNewRule => "新建基于最后访问时间的规则".into(),
        Key::LcFormNew => "新规则".into(),
        Key::LcFormEdit(id) => format!("编辑规则 {id}"),
        Key::LcRuleId => "规则 ID".into(),
        Key::LcPrefix => "前缀（留空：整个存储空间）".into(),
        Key::LcTags => "标签（key=value，用逗号分隔；可选）".into(),
        Key::LcDays => "距最后一次访问的天数".into(),
        Key::LcStorageClass => "转换为".into(),
        Key::LcClass(c) => match c {
            StorageClass::IA => "低频访问（IA）",
            StorageClass::Archive => "归档存储",
            StorageClass::ColdArchive => "冷归档存储",
        }
        .into(),
        Key::LcReturnToStandard => "再次访问时转回标准存储（仅限低频访问）".into(),
        Key::LcAllowSmallFile => "小文件也转换（小于 64 KB）".into(),
        Key::LcEnabled => "启用".into(),
        Key::LcSaveRule => "保留此规则".into(),
        Key::LcDropForm => "放弃".into(),
        Key::LcFormProblem(FormProblem::IdTaken(id)) => format!("已有规则名为 {id}：请换一个 ID。"),
        Key::LcFormProblem(FormProblem::NoDays) => "请输入大于 0 的整数天数。".into(),
        Key::LcFormProblem(FormProblem::NoId) => "请为规则填写 ID（读回规则时据此找到它）。".into(),
        Key::LcEditRule => "编辑".into(),
        Key::LcDisable => "禁用".into(),
        Key::LcEnable => "启用".into(),
        Key::LcDelete => "删除".into(),
        Key::LcReadOnly => "原样保留：编辑器不修改此规则。".into(),
        Key::LcRuleSummary(r) => {
            let class = match r.storage_class {
                StorageClass::IA => "低频访问",
                StorageClass::Archive => "归档存储",
                StorageClass::ColdArchive => "冷归档存储",
            };
            let mut s = format!("{} 天未访问后转为{class}", r.days);
            if r.return_to_std {
                s.push_str("；再次访问时转回标准存储");
            }
            if r.allow_small_file {
                s.push_str("；小文件也转换");
            }
            if !r.tags.is_empty() {
                let tags: Vec<String> = r.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                s.push_str(&format!("；标签 {}", tags.join("，")));
            }
            s
        }
        Key::LcShowXml => "查看 XML".into(),
        Key::LcReview => "查看变更".into(),
        Key::LcClose => "关闭编辑器".into(),
        Key::LcDiffTitle { before, after, unchanged } => {
            format!("变更：当前 {before} 条规则，变更后 {after} 条，其中 {unchanged} 条不变。")
        }
        Key::LcAdded => "新增".into(),
        Key::LcRemoved => "删除".into(),
        Key::LcChanged => "修改".into(),
        Key::LcUnchanged => "不变".into(),
        Key::LcOutside => "规则以外的内容有差异。".into(),
        Key::LcBefore => "变更前".into(),
        Key::LcAfter => "变更后".into(),
        Key::LcApply => "应用…".into(),
        Key::LcBack => "返回编辑".into(),
        Key::LcConfirmText { bucket, rules } => format!(
            "PutBucketLifecycle 会用这 {rules} 条规则替换 {bucket} 的整个生命周期配置。写入前控制台会再次读取配置，若自显示以来有变化则不写入；写入后会读回规则并比对。"
        ),
        Key::LcConfirm => "写入规则".into(),
        Key::LcNothingChanged => "没有任何变更，无需写入。".into(),
        Key::LcWriting => "正在重新读取、写入并读回…".into(),
        Key::LcOk => "已写入并读回：存储空间的规则与显示的一致。".into(),
        Key::LcChangedSince => "未写入：配置在显示后已被更改（其他客户端或标签页）。现在显示的是最新规则，请重新修改。".into(),
        Key::LcUnverified(summary) => format!("已写入（OSS 已接受），但读回规则失败，因此未经核实：{summary} 请重新打开编辑器查看当前规则。"),
        Key::LcMismatch => "已写入，但读回的规则与写入的不一致。现在显示的是读回的规则，请比对，并在 OSS 控制台中核实。".into(),
        Key::LcInvalidTitle => "未发送：请先修正以下问题。".into(),
        Key::LcInvalid(i) => match i {
            Invalid::DuplicateId(id) => format!("有两条规则都叫 {id}。"),
            Invalid::NoDays(id) => format!("规则 {id} 基于最后访问时间，但没有设置天数。"),
            Invalid::CreatedBeforeDate(id) => format!("规则 {id}：基于最后访问时间的规则不能使用日期（CreatedBeforeDate），请使用天数。"),
            Invalid::ReturnNeedsIa(id) => format!("规则 {id}：“再次访问时转回标准存储”仅适用于低频访问。"),
            Invalid::Overlap(a, b) => format!("规则 {a} 和 {b} 对重叠的前缀执行相同操作：请使前缀互不包含，或用标签区分。"),
            Invalid::TrackingOff => "基于最后访问时间的规则需要先开启访问跟踪。".into(),
            Invalid::TooManyRules(n) => format!("共 {n} 条规则：OSS 最多接受 1,000 条。"),
            Invalid::NoRules => "没有剩余规则：OSS 至少需要一条（如需清空，请在 OSS 控制台删除整个配置）。".into(),
        },
        Key::LcEnableTracking => "开启访问跟踪".into(),
        Key::LcFailed(summary) => format!("未完成：{summary}"),
    }
}
