//! The app's words in English.

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

const LANG: Lang = Lang::En;

fn unit(u: TimeUnit, n: i64) -> String {
    let word = match u {
        TimeUnit::Second => "second",
        TimeUnit::Minute => "minute",
        TimeUnit::Hour => "hour",
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
        TimeUnit::Year => "year",
    };
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One rate bucket, in words ("1 hour").
fn span(ms: i64) -> String {
    let (n, u) = crate::widgets::format::duration_parts(ms);
    unit(u, n)
}

fn insight_title(i: &Insight) -> String {
    let v = &i.value;
    match (&i.evidence, i.kind) {
        (Evidence::Rate { seen, bucket_ms, .. }, Kind::CallRate) => match &i.also {
            Some((_, names)) => format!("{v} called {} {seen} times in {}", names.join(", "), span(*bucket_ms)),
            None => format!("{v} was called {seen} times in {}", span(*bucket_ms)),
        },
        (Evidence::Rate { seen, bucket_ms, .. }, _) => match i.field {
            console_core::trail::store::Field::ErrorCode => {
                format!("{v} was returned {seen} times in {}", span(*bucket_ms))
            }
            _ => format!("{v} had {seen} failed calls in {}", span(*bucket_ms)),
        },
        (Evidence::New { .. }, _) => format!("New {}: {v}", i.field.label(LANG)),
        (Evidence::Burst { action: Did::Deletes, count, .. }, _) => format!("{v} made {count} deletes in 10 minutes"),
        (Evidence::Burst { count, .. }, _) => format!("{v} changed permissions {count} times in 10 minutes"),
        (Evidence::Change { action, .. }, _) => match action {
            Did::MadePublic => "A bucket was made public",
            Did::LifecycleChanged => "Lifecycle rules were changed",
            _ => "Access tracking was switched",
        }
        .into(),
    }
}

fn insight_evidence(i: &Insight) -> String {
    let n = |x: u64| count(LANG, x);
    match &i.evidence {
        Evidence::Rate { seen, median, bucket_ms } if *median < 1.0 => {
            format!("Usually none in {} (the median over the loaded span); {} here.", span(*bucket_ms), n(*seen))
        }
        Evidence::Rate { seen, median, bucket_ms } => format!(
            "Usually {median:.0} in {} (the median over the loaded span): {:.0} times that.",
            span(*bucket_ms),
            *seen as f64 / median
        ),
        Evidence::New { events, writes, sensitive, baseline_days } => format!(
            "Not in the {baseline_days} days of events before; since then {} events, {} writes, {} sensitive.",
            n(*events),
            n(*writes),
            n(*sensitive)
        ),
        Evidence::Burst { usual, .. } => format!("Usually {usual:.1} in 10 minutes."),
        Evidence::Change { count, buckets, identities, last_by, .. } => format!(
            "{} times on {} buckets by {} identities; the last by {}.",
            n(*count),
            n(*buckets),
            n(*identities),
            if last_by.is_empty() { "an unknown identity" } else { last_by }
        ),
    }
}

fn notice(n: &Notice) -> String {
    match n {
        Notice::SampleFailed(why) => format!("The sample could not be loaded ({why})."),
        Notice::Exporting => "Exporting…".into(),
        Notice::Exported { events, format } => {
            format!("Exported {} events as {}.", count(LANG, *events), format.extension().to_uppercase())
        }
        Notice::ExportStopped(e) => format!("The export stopped: {}.", LANG.text(&Msg::Export(e))),
        Notice::Restarted { events, before, dropped, filter_dropped } => {
            let mut s = format!(
                "The event worker stopped and was restarted: {} events were reloaded from the files this page holds.",
                count(LANG, *events)
            );
            if !dropped.is_empty() {
                s.push_str(&format!(
                    " {} events were loaded before. Left out, because the worker stopped twice while reading \
                     each: {}. Check those files, or load them in a tab of their own.",
                    count(LANG, *before),
                    dropped_list(dropped, "no reason given")
                ));
            }
            if *filter_dropped {
                s.push_str(
                    " The filters were cleared: the worker stopped again before it could answer the view's query, \
                     and a query can be what stops it.",
                );
            }
            s
        }
        Notice::Cleared { events, files } => {
            format!("Cleared {} events from {} files.", count(LANG, *events), count(LANG, *files as u64))
        }
        Notice::BadRequest(why) => format!("The event worker did not understand a request: {why}"),
        Notice::Unreadable(why) => format!("A message from the event worker could not be read: {why}"),
    }
}

/// The English text of `key`.
pub(super) fn text(key: &Key<'_>) -> String {
    match key {
        Key::ProductName => "OSS Console".into(),
        Key::TabTracking => "Access tracking".into(),
        Key::TabEvents => "Events".into(),
        Key::ViewsNav => "Views".into(),
        Key::FooterVersion(v) => format!("OSS Console v{v}"),
        Key::FooterPrivacy => "Everything runs in this tab; requests go only to the OSS endpoint you choose.".into(),
        Key::LangSwitchTitle(name) => format!("Switch the language to {name}"),
        Key::ThemeDark => "☾ Dark".into(),
        Key::ThemeDarkTitle => "Dark theme".into(),
        Key::PanicTitle => "The console stopped because of an internal error.".into(),
        Key::PanicBody => "Reload the page to start again. Loaded events and typed credentials are lost; please \
                           report the message below."
            .into(),

        Key::Cancel => "Cancel".into(),
        Key::Copied => "Copied".into(),
        Key::CopyFailed => "Not copied: select the text and copy it".into(),
        Key::Region => "Region".into(),
        Key::EndpointOptional => "Endpoint (optional)".into(),
        Key::AddressingStyle => "Addressing style".into(),
        Key::VirtualHosted => "Virtual-hosted (bucket.endpoint)".into(),
        Key::PathStyle => "Path-style (endpoint/bucket)".into(),
        Key::BucketCardTitle => "Bucket".into(),
        Key::CanonicalRequest => "Canonical request".into(),
        Key::StringToSign => "String to sign".into(),
        Key::CorsRuleTitle => "CORS rule for this bucket".into(),
        Key::ResultOk => "OK".into(),
        Key::Unknown => "(unknown)".into(),
        Key::NoneValue => "(none)".into(),
        Key::ListSeparator => "; ".into(),
        Key::ErrorsOnly => "Errors only".into(),
        Key::SensitiveOnly => "Sensitive operations".into(),
        Key::BucketLinkLabel(b) => format!("Access tracking for bucket {b}"),
        Key::BucketLinkText => "Access tracking".into(),
        Key::ConfirmTitle(origin) => format!("Send signed requests to {origin}?"),
        Key::ConfirmBefore => "This endpoint is not an OSS domain (*.aliyuncs.com) or this computer. Each request \
                               sent there carries your AccessKeyId "
            .into(),
        Key::ConfirmAfter => ", your SecurityToken, and a signature that could be replayed against OSS for 15 \
                              minutes. Continue only if you run this endpoint or trust it (an OSS-compatible gateway, \
                              a proxy you control). Your answer is remembered for this endpoint in this tab."
            .into(),
        Key::ConfirmSend(origin) => format!("Send to {origin}"),
        Key::NewTab => " (opens in a new tab)".into(),

        Key::AnnounceStatus(Some(AccessMonitorStatus::Enabled)) => "Access tracking is enabled.".into(),
        Key::AnnounceStatus(Some(AccessMonitorStatus::Disabled)) => "Access tracking is disabled.".into(),
        Key::AnnounceStatus(None) => "Done.".into(),
        Key::AnnounceFailed { op, code, summary } => format!("{op} failed: {code}. {summary}"),
        Key::AnnounceLoading => "Loading events…".into(),
        Key::AnnounceLoaded { events, files, problems: 0 } => format!("Loaded {events} events from {files} files."),
        Key::AnnounceLoaded { events, files, problems } => {
            format!("Loaded {events} events from {files} files; {problems} with problems, see the report.")
        }
        Key::AnnounceMatches { n, total } => format!("{n} of {total} events match."),
        Key::AnnouncePlan(totals) => format!("Plan ready: {totals}."),

        Key::TrackingHeading => "Access tracking".into(),
        Key::TrackingIntro => "Read and switch a bucket's access tracking (GetBucketAccessMonitor / \
                               PutBucketAccessMonitor). Requests are signed here with OSS Signature V4 and go only to \
                               the endpoint below."
            .into(),
        Key::LastRequestId => "Last request ID: ".into(),
        Key::BusyReading => "Reading…".into(),
        Key::BusyEnabling => "Enabling…".into(),
        Key::BusyDisabling => "Disabling…".into(),
        Key::StatusText(Some(AccessMonitorStatus::Enabled)) => "Enabled".into(),
        Key::StatusText(Some(AccessMonitorStatus::Disabled)) => "Disabled".into(),
        Key::StatusText(None) => "Unknown".into(),
        Key::ReadStatus => "Read status".into(),
        Key::ReadStatusFirst => "Read the status first".into(),
        Key::TurnTrackingOff => "Turn access tracking off".into(),
        Key::TurnTrackingOn => "Turn access tracking on".into(),
        Key::StatusHint => "When enabled, OSS records each object's last access time, which lifecycle rules can use \
                            (e.g. move objects not read for 30 days to IA storage)."
            .into(),
        Key::BucketName => "Bucket name".into(),
        Key::NoAccount => "No account at hand? ".into(),
        Key::UseEmulator => "Use the local emulator".into(),
        Key::EmulatorHint => " (started by scripts/run.sh on http://localhost:9000; demo STS credentials).".into(),
        Key::CredTitle => "STS credentials".into(),
        Key::AccessKeyIdLabel => "AccessKeyId".into(),
        Key::AccessKeySecretLabel => "AccessKeySecret".into(),
        Key::SecurityTokenLabel => "SecurityToken".into(),
        Key::Show => "Show".into(),
        Key::Hide => "Hide".into(),
        Key::ShowField(f) => format!("Show {f}"),
        Key::HideField(f) => format!("Hide {f}"),
        Key::CredExpired(ago) => format!("Expired {ago} ago — get new STS credentials."),
        Key::CredExpiresIn(left) => format!("Expires in {left}"),
        Key::CredExpiration(at) => format!("Expiration {at}"),
        Key::CredPasteSummary => "Paste credentials (AssumeRole JSON or environment lines)".into(),
        Key::CredPasteLabel => "Paste credentials".into(),
        Key::CredPastePlaceholder => "{\"Credentials\":{\"AccessKeyId\":\"STS.…\",\"AccessKeySecret\":\"…\",\
                                      \"SecurityToken\":\"…\",\"Expiration\":\"…\"}}\nor OSS_ACCESS_KEY_ID=… / \
                                      OSS_ACCESS_KEY_SECRET=… / OSS_SESSION_TOKEN=…"
            .into(),
        Key::CredPasteApply => "Use pasted credentials".into(),
        Key::CredPasted { from, key, expires } => {
            let from = match from {
                PasteFormat::StsJson => "AssumeRole JSON",
                PasteFormat::EnvLines => "environment lines",
            };
            match expires {
                Some(at) => format!("Filled from {from}: {key}, expires {at}."),
                None => format!("Filled from {from}: {key}."),
            }
        }
        Key::CredRemember => " Remember for this tab (sessionStorage: kept while this tab is open, restored if the \
                              browser restores the tab, copied if the tab is duplicated)"
            .into(),
        Key::CredClear => "Clear credentials".into(),
        Key::CredHint => {
            "Credentials stay in this tab's memory and are sent to nobody: they only sign requests here.".into()
        }
        Key::TheirsMissing => "OSS did not return its version; ours is below.".into(),
        Key::LinesDiffer { title, n } => format!("{title}: {n} line(s) differ"),
        Key::Ours => "Ours".into(),
        Key::Theirs => "OSS's".into(),
        Key::SecretWrongHint => "If both sides are identical, the secret is wrong: only the AccessKeySecret is not \
                                 visible in these strings."
            .into(),
        Key::SignatureSecretWrong => "Every line matches what OSS computed: the AccessKeySecret is wrong (or is \
             not the one for this AccessKeyId)."
            .into(),
        Key::SignatureLinesDiffer(n) => format!(
            "{n} line(s) differ from what OSS computed: the request changed on the way (a proxy), or the region, \
             endpoint or addressing style is not the bucket's."
        ),
        Key::OperationFailed(op) => format!("{op} failed"),
        Key::RequestIdPart(id) => format!(" · Request ID {id}"),
        Key::EcPart(ec) => format!(" · EC {ec}"),
        Key::CopyRule => "Copy rule".into(),
        Key::HistoryTitle => "History in the loaded events".into(),
        Key::HistoryNoEvents => "Load this bucket's ActionTrail events in the Events view (files, or straight from \
                                 the trail's bucket) to see who changed its access tracking and lifecycle rules."
            .into(),
        Key::HistoryNoBucket => "Enter a bucket name to see its history in the loaded events.".into(),
        Key::HistoryLooking => "Looking through the loaded events…".into(),
        Key::HistoryNone { bucket, loaded } => {
            format!("No access-tracking or lifecycle events for {bucket} among the {loaded} loaded events.")
        }
        Key::HistoryNewest { total, shown } => format!("{total} events; the newest {shown} are shown."),
        Key::HistoryAll(total) => format!("{total} events, newest first."),
        Key::HistoryBy { identity, ip } => format!(" · by {identity} from {ip}"),
        Key::ShowInEvents => "Show in Events".into(),
        Key::LifecycleTitle => "Lifecycle rules".into(),
        Key::LifecycleUnknown => "Read the status to see the bucket's lifecycle rules.".into(),
        Key::LifecycleFailed { summary, advice } => format!("{summary}. {advice}"),
        Key::LifecycleNone => "No lifecycle rules.".into(),
        Key::LifecycleBlocking(n) => format!(
            "{n} rule(s) count from the last access time: access tracking cannot be turned off while they exist."
        ),
        Key::RuleNoId => "(no id)".into(),
        Key::RuleWholeBucket => "whole bucket".into(),
        Key::RulePrefix(p) => format!("prefix {p}"),
        Key::RuleEnabled => "enabled".into(),
        Key::RuleDisabled => "disabled".into(),
        Key::LastAccessBadge => "last access".into(),
        Key::LastAccessBadgeTitle => "Based on last access time".into(),
        Key::RuleTransition { noncurrent, class, days, access_time } => {
            let which = if *noncurrent { "previous versions" } else { "objects" };
            let basis = if *access_time { "last access" } else { "last modification" };
            match days {
                Some(d) => format!("{which} move to {class} {d} days after {basis}"),
                None => format!("{which} move to {class} on a date"),
            }
        }
        Key::RuleExpiration(d) => format!("deleted {d} days after last modification"),
        Key::RuleNoAction => "no transition or expiration".into(),
        Key::RequestLog(n) => format!("Request log ({n})"),
        Key::RequestLogEmpty => "Requests appear here with their signing details.".into(),
        Key::NoResponse => "no response".into(),
        Key::DurationMs(ms) => format!(" · {ms} ms"),
        Key::SigningDetails(op) => format!("Signing details ({op})"),
        Key::SignedHeaders => "Signed headers".into(),
        Key::AuthorizationHeader => "Authorization".into(),
        Key::NoteClockCorrected { offset, server_time } => {
            format!("Clock differs from OSS by {offset} s (ServerTime {server_time}): corrected and retried once")
        }
        Key::NoteNoResponse => "No response: CORS refused or network unreachable".into(),
        Key::NoteRedirect => "A redirect: not followed (it would carry the token elsewhere)".into(),
        Key::NoteTimeout => "No answer in time".into(),
        Key::TrailWorkerStopped => "The loading stopped with the worker that fetched the objects (it was \
             restarted with what had arrived). Load again to fetch the rest: events already loaded are not counted \
             twice."
            .into(),
        Key::EndpointRegionMismatch { endpoint_region, region } => format!(
            "This endpoint is OSS's in {endpoint_region}, but the region is {region}: requests are signed for \
             {region} and will fail there. Change one of the two, or clear the endpoint to use the region's own."
        ),
        Key::UndoClear => "Undo".into(),
        Key::ClearLog => "Clear the log".into(),
        Key::CopyLink => "Copy link".into(),
        Key::BodySent => "Body sent".into(),
        Key::TabFleet => "Many buckets".into(),
        Key::FleetHeading => "Access tracking across many buckets".into(),
        Key::FleetIntro => "Read and switch access tracking on many buckets at once, six at a time. Calls use the credentials, endpoint override and addressing style of the Access tracking view (an OSS endpoint of one region is replaced by each bucket's own); each bucket has its own region.".into(),
        Key::FleetAddTitle => "Which buckets".into(),
        Key::FleetInputLabel => "Buckets, one a line: a name, oss://bucket/prefix, bucket.oss-<region>.aliyuncs.com, an OSS URL, or bucket,region".into(),
        Key::FleetAdd => "Add these buckets".into(),
        Key::FleetFromEvents(0) => "Add the buckets in the loaded events".into(),
        Key::FleetFromEvents(n) => format!("Add the {n} buckets in the loaded events"),
        Key::FleetFromEventsNone => "Load events in the Events tab first: their buckets can then be added.".into(),
        Key::FleetBadLines(n) => format!("{n} lines name no bucket (nothing was added for them):"),
        Key::FleetMerged { merged, dropped } => {
            let mut s = String::new();
            if *merged > 0 { s.push_str(&format!("{merged} were already in the list (their region updated when one was given). ")); }
            if *dropped > 0 { s.push_str(&format!("{dropped} were left out: the list holds at most 1,000 buckets.")); }
            s
        }
        Key::FleetRead => "Read all".into(),
        Key::FleetCancel => "Cancel".into(),
        Key::FleetEnableAll => "Enable on all shown…".into(),
        Key::FleetDisableAll => "Disable on all shown…".into(),
        Key::FleetRetryFailed(n) => format!("Retry the failed ({n})"),
        Key::FleetExport => "Export CSV".into(),
        Key::FleetClear => "Clear the list".into(),
        Key::FleetReading => "Read".into(),
        Key::FleetSwitching(s) => format!("Switched to {}", s.as_str()),
        Key::FleetProgress { kind, done, total, failed, cancelled } => {
            let stop = if *cancelled { " (cancelled: what was in flight still landed)" } else { "" };
            format!("{kind}: {done} of {total}, {failed} failed{stop}.")
        }
        Key::FleetStoppedCredentials(code) => format!("Stopped: OSS refused the credentials ({code}). Nothing more was sent. Paste fresh STS credentials in Access tracking, then read again."),
        Key::FleetStoppedForm(why) => format!("Nothing was sent: {why}"),
        Key::FleetPlanTitle => "The plan".into(),
        Key::FleetPlan { target, change, same, blocked } => format!(
            "{} tracking on {change} buckets; {same} already are {} (no request is sent to them); {blocked} cannot be switched.",
            if *target == AccessMonitorStatus::Enabled { "Enable" } else { "Disable" },
            target.as_str()
        ),
        Key::FleetNotRead => "not read yet (read it first)".into(),
        Key::FleetConfirm { target, n } => format!("{} on {n} buckets", if *target == AccessMonitorStatus::Enabled { "Enable" } else { "Disable" }),
        Key::FleetDropPlan => "Cancel".into(),
        Key::FleetScriptTitle(n) => format!("For the {n} buckets this browser cannot reach"),
        Key::FleetScriptHint => "They gave no answer the page may read: their CORS rule lacks this page's origin. Run the script with ossutil 2.x (it reads the credentials from its environment variables; no secret is in it), or add the console's CORS rule with the commands below and read again.".into(),
        Key::FleetCopyScript => "Copy the script".into(),
        Key::FleetDownload => "Download".into(),
        Key::FleetCorsTitle => "Add the console's CORS rule to them".into(),
        Key::FleetCopyCors => "Copy the CORS commands".into(),
        Key::FleetTableTitle { shown, total } => format!("{shown} of {total} buckets shown"),
        Key::FleetFilter => "Filter ".into(),
        Key::FleetShow => "Show ".into(),
        Key::FleetShowAll => "all".into(),
        Key::FleetShowProblems => "with a problem".into(),
        Key::FleetEmpty => "No buckets yet: paste some above, or add the ones in the loaded events.".into(),
        Key::FleetStatus => "Tracking".into(),
        Key::FleetAccessTimeRules => "Access-time rules".into(),
        Key::FleetLastChange => "Last switch in the events".into(),
        Key::FleetProblem => "Problem".into(),
        Key::FleetProblemRegion(Some(e)) => format!("in another region: OSS named {e}"),
        Key::FleetProblemRegion(None) => "in another region".into(),
        Key::FleetProblemText(p) => match p {
            Problem::Cors => "no answer the page may read: the bucket's CORS rule lacks this origin".into(),
            Problem::Denied => "access denied: the RAM policy lacks the action".into(),
            Problem::Missing => "no such bucket".into(),
            Problem::Locked => "locked: a lifecycle rule counts from the last access time".into(),
            Problem::Credentials(code) => format!("credentials refused ({code})"),
            Problem::Region(_) => "in another region".into(),
            Problem::Other(code) => code.clone(),
        },
        Key::FleetMoved { from, to } => format!("OSS said it is in {to}, not {from}: asked there"),
        Key::FleetSwitched => "switched".into(),
        Key::FleetSeenChange { who, at, failed } => format!("{who}, {at} UTC{}", if *failed { " (failed)" } else { "" }),
        Key::TabInsights => "Insights".into(),
        Key::InsightsHeading => "Insights: what is unusual in the loaded events".into(),
        Key::InsightsIntro => "Found here in the tab, over the events loaded in Events, by fixed rules (the README lists them): call and error rates far above their own baseline, newcomers that write, bursts of deletes or permission changes, and sensitive changes. Each one opens its events in the explorer.".into(),
        Key::InsightsNoEvents => "Load events in the Events tab first: insights are found in what is loaded.".into(),
        Key::InsightsComputing => "Looking for what is unusual…".into(),
        Key::InsightsSummary { shown, found, events, ms } => {
            let head = if found > shown { format!("The {shown} most severe of {found} insights") } else { format!("{shown} insights") };
            format!("{head} over {events} events, found in {ms} ms.")
        }
        Key::InsightsNone => "Nothing unusual in these events by these rules.".into(),
        Key::Severity(s) => match s {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
        .into(),
        Key::InsightKind(k) => match k {
            Kind::CallRate => "Call rate",
            Kind::ErrorRate => "Error rate",
            Kind::FirstSeen => "First seen",
            Kind::DestructiveBurst => "Destructive burst",
            Kind::SensitiveChange => "Sensitive change",
        }
        .into(),
        Key::InsightTitle(i) => insight_title(i),
        Key::InsightEvidence(i) => insight_evidence(i),
        Key::InsightWindow { from, to } => format!("{from} → {to} UTC"),
        Key::InsightApply => "Show these events".into(),
        Key::WhoDidWhat => "Who did what".into(),
        Key::WhoDidWhatLabel(v) => format!("Who did what: {v}"),
        Key::ProfileTitle { field, value } => format!("Who did what — {field}: {value}"),
        Key::ProfileNone { field, value } => format!("No loaded event has {field} {value}."),
        Key::ProfileSummary { events, errors, writes, sensitive, first, last } => format!(
            "{events} events ({errors} failed, {writes} writes, {sensitive} sensitive), first {first}, last {last} UTC."
        ),
        Key::ProfileActivity => "Activity over the loaded span".into(),
        Key::ProfileShowEvents => "Show its events".into(),
        Key::ProfileClose => "Close".into(),
        Key::HistoryTrackingChange { from: Some(from), to } => format!("{from} → {to}"),
        Key::HistoryTrackingChange { from: None, to } => format!("→ {to}"),
        Key::HistoryAsked(to) => format!("asked for {to}"),
        Key::HistoryRules { ids, more, succeeded } => {
            let more = if *more > 0 { format!(" and {more} more") } else { String::new() };
            if *succeeded { format!("rules now: {ids}{more}") } else { format!("asked for rules: {ids}{more}") }
        }
        Key::HistoryNoRuleId => "(no ID)".into(),
        Key::HistoryRulesDeleted => "every rule removed".into(),
        Key::DemoReplaces(id) => format!("The credentials fields hold {id}: using the emulator replaces them with its demo credentials."),
        Key::DemoReplace => "Replace them".into(),
        Key::DemoKeep => "Keep mine".into(),
        Key::CopyAsCommand => "Copy as a command".into(),
        Key::CommandsNoSecrets => "These commands hold no secret: both read the security token from $OSS_SESSION_TOKEN, and ossutil reads the AccessKey pair from OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET. The curl command repeats this signed request, which OSS accepts for 15 minutes after it was signed.".into(),
        Key::CopyAsCurl => "Copy as curl".into(),
        Key::CopyAsOssutil => "Copy as ossutil".into(),
        Key::SkipToTable => "Skip to the events table (t)".into(),
        Key::ColumnsChoose => "Columns".into(),
        Key::ColumnErrorMessage => "Error message".into(),
        Key::ColumnRequestId => "Request ID".into(),
        Key::SensitiveBadge => "sensitive".into(),
        Key::FacetKeys => "In a breakdown, the arrow keys move between its values; Tab goes to the next breakdown.".into(),
        Key::TimeRangeLabel(zone) => format!("Time range ({zone})"),
        Key::RangeFrom(zone) => format!("From ({zone}) "),
        Key::RangeTo(zone) => format!("To ({zone}) "),
        Key::LocalZone(offset) => format!("local time, UTC{offset}"),
        Key::RangeLocal => "Local time".into(),
        Key::RangeApply => "Apply".into(),
        Key::RangeLastHour => "Last hour".into(),
        Key::RangeLastDay => "Last 24 hours".into(),
        Key::RangeLastWeek => "Last 7 days".into(),
        Key::RangeAll => "All loaded".into(),
        Key::RangeBad => "Type a UTC time such as 2025-11-01, 2025-11-01 08:30 or 2025-11-01 08:30:15.".into(),
        Key::WindowFromShown => "(the span of the events shown: the filter has no time range)".into(),
        Key::HistoryShowReads(n) => format!(" Show the reads too ({n})"),
        Key::MissingFields(list) => format!("Fill in {list} first: nothing was sent."),
        Key::LinkWaiting => "This link's view waits for its events: load the same files (or trail) and these \
             filters apply."
            .into(),
        Key::NoteTooLarge => "The answer grew past its cap: reading stopped".into(),

        Key::EventsHeading => "Events".into(),
        Key::EventCount(n) => format!("{n} events"),
        Key::WithErrors(n) => format!("{n} with errors"),
        Key::QueryTime(ms) => format!(" · query {ms} ms"),
        Key::TestCrashWorker => "Crash the worker (test)".into(),
        Key::Notice(n) => notice(n),
        Key::WorkerRecovering { reason, files, dropped } => {
            let reason = if reason.is_empty() { "no reason given" } else { reason };
            let mut s = format!(
                "The event worker stopped ({reason}). A new one was started and the {files} file(s) this page holds \
                 are being reloaded; your filters and selection are kept."
            );
            if !dropped.is_empty() {
                s.push_str(&format!(
                    " Left out, because the worker stopped twice while reading each: {}.",
                    dropped_list(dropped, "no reason given")
                ));
            }
            s
        }
        Key::WorkerFailed(WorkerFailure::CouldNotStart(why)) => {
            format!("Events cannot be loaded: the event worker could not start ({why}).")
        }
        Key::WorkerFailed(WorkerFailure::DiedTooOften { times, reason }) => format!(
            "Events cannot be loaded: the event worker stopped {times} times in a row ({reason}). Reload the page."
        ),
        Key::NoMatches => "No events match these filters. Remove a filter above, or clear them all.".into(),
        Key::EmptyState => "No events loaded yet. Drop ActionTrail files above (from the trail's OSS bucket, a \
                            LookupEvents dump, an SLS export or CloudTrail), or press “Load sample events” to try it."
            .into(),
        Key::DropHere => "Drop ActionTrail event files here".into(),
        Key::DropMore => "Drop more event files to add them".into(),
        Key::DropHint => " — JSON, NDJSON, LookupEvents, SLS exports or CloudTrail, gzipped or not, many at once. \
                          They stay in this tab."
            .into(),
        Key::ChooseFiles => "Choose files…".into(),
        Key::ChooseFilesLabel => "Choose event files".into(),
        Key::LoadSample => "Load sample events".into(),
        Key::ClearEvents => "Clear".into(),
        Key::OrPasteJson => "…or paste JSON".into(),
        Key::PasteEventsLabel => "Paste event JSON".into(),
        Key::PasteEventsPlaceholder => "[{\"eventId\": …}] or one event per line".into(),
        Key::LoadPasted => "Load pasted JSON".into(),
        Key::LoadProgress { read, total, events, seconds } => {
            format!("Reading {read} of {total} · {events} events · {seconds} s")
        }
        Key::LoadProgressLabel => "Loading progress".into(),
        Key::FilesHeading(n) => format!("Files ({n})"),
        Key::MoreFiles(n) => format!("…and {n} more files, loaded without problems."),
        Key::FilesWaiting(n) => format!("{n} more files waiting to be read."),
        Key::MoreNotedFiles(n) => format!("{n} more files with problems or skipped entries, not listed."),
        Key::FilesNotRead(n) => format!("{n} files were not read (names and reasons)"),
        Key::TallyLoaded(n) => format!("{n} loaded"),
        Key::TallyProblems(n) => format!("{n} with problems"),
        Key::TallyReading(n) => format!("{n} reading"),
        Key::TallyWaiting(n) => format!("{n} waiting"),
        Key::TallyCancelled(n) => format!("{n} cut short by Cancel"),
        Key::TallyNotRead(n) => format!("{n} not read"),
        Key::FileWaiting => "waiting".into(),
        Key::TrailFetchedReading => {
            "Every object fetched; the events are still being read (see the files below).".into()
        }
        Key::FileNotRead => "not read".into(),
        Key::FileCancelled => "cancelled".into(),
        Key::FileReading { read, size } => format!("reading… {read} of {size}"),
        Key::FileProblem => "problem".into(),
        Key::FileLoaded => "loaded".into(),
        Key::FileEvents(n) => format!(" · {n} events"),
        Key::FileDuplicates(n) => format!(" · {n} duplicates"),
        Key::FileSkipped(n) => format!(" · {n} skipped"),
        Key::EventsBeforeKept(n) => format!("; the {n} events before it are kept"),
        Key::SkippedEntries(n) => format!("Skipped entries (first {n})"),
        Key::SkipAt { line, offset, reason } => format!("line {line} (byte {offset}): {reason}"),
        Key::SearchLabel => "Search all fields".into(),
        Key::SearchPlaceholder => "Search every field… ( / )".into(),
        Key::SensitiveTitle => "DeleteBucket, public ACLs, bucket policy and access-tracking changes, and events \
                                marked SensitiveAction"
            .into(),
        Key::ExportFiltered => "Export filtered:".into(),
        Key::ExportAs(f) => format!("Export filtered events as {f}"),
        Key::ActiveFilters => "Active filters".into(),
        Key::ChipValue { field, exclude: false, value } => format!("{field} = {value}"),
        Key::ChipValue { field, exclude: true, value } => format!("{field} ≠ {value}"),
        Key::ChipTime { from, to } => format!("Time {from} → {to}"),
        Key::ChipText(t) => format!("Text “{t}”"),
        Key::RemoveFilter(label) => format!("Remove filter {label}"),
        Key::ClearAllFilters => "Clear all filters".into(),
        Key::SummaryLabel => "Summary".into(),
        Key::KpiEvents => "Events".into(),
        Key::KpiOf { n, total } => format!("{n} of {total}"),
        Key::KpiErrors => "Errors".into(),
        Key::KpiIdentities => "Identities".into(),
        Key::KpiSourceIps => "Source IPs".into(),
        Key::KpiBuckets => "Buckets".into(),
        Key::KpiSpan => "Time span (UTC)".into(),
        Key::HistogramTitle => "Events over time".into(),
        Key::Span((n, u)) => unit(*u, *n),
        Key::HistogramHint((n, u)) => format!("one bar per {} (drag to select a time range)", unit(*u, *n)),
        Key::HistogramLabel(u) => format!(
            "Histogram of events by {}",
            match u {
                TimeUnit::Second => "seconds",
                TimeUnit::Minute => "minutes",
                TimeUnit::Hour => "hours",
                TimeUnit::Day => "days",
                TimeUnit::Week => "weeks",
                TimeUnit::Month => "months",
                TimeUnit::Year => "years",
            }
        ),
        Key::TipErrors(n) => format!(" · {n} errors"),
        Key::TimeUtc(t) => format!("{t} UTC"),
        Key::TimeLocal(t) => format!("{t} local"),
        Key::FacetIncludeTitle(v) => format!("Show only {v} (Alt-click: hide it)"),
        Key::FacetHide(v) => format!("Hide {v}"),
        Key::ShowMore(n) => format!("show more ({n} more values)"),
        Key::ShowFewer => "show fewer".into(),
        Key::TableTitle => "Events".into(),
        Key::TableKeys => "j and k or the arrow keys move the cursor, Enter opens the event, Esc closes it.".into(),
        Key::SensitiveOperation => "Sensitive operation".into(),
        Key::SortNewestFirst => "Sort newest first".into(),
        Key::SortOldestFirst => "Sort oldest first".into(),
        Key::ColumnTime => "Time (UTC)".into(),
        Key::ColumnEvent => "Event".into(),
        Key::ColumnIdentity => "Identity".into(),
        Key::ColumnSourceIp => "Source IP".into(),
        Key::ColumnRegion => "Region".into(),
        Key::ColumnBucket => "Bucket".into(),
        Key::ColumnResult => "Result".into(),
        Key::DetailTitle => "Event ".into(),
        Key::DetailReading => "Reading the event from its file…".into(),
        Key::DetailFilterTitle { field, value } => format!("Show only {field} = {value} (Alt-click: hide)"),
        Key::CopyJson => "Copy JSON".into(),
        Key::EventJson => "The event's JSON".into(),
        Key::DetailUnreadable(why) => format!("The event could not be read from its file: {why}"),
        Key::CloseDetail => "Close detail (Esc)".into(),

        Key::TrailSummary => "From an OSS bucket: load a trail straight from the bucket it is delivered to".into(),
        Key::TrailNeedsCredentials => "Enter STS credentials in the Access tracking view first (they are used here \
                                       too), or use the local emulator."
            .into(),
        Key::TrailPrefix => "Trail key prefix (may be empty)".into(),
        Key::TrailFrom => "From (UTC day)".into(),
        Key::TrailTo => "To (UTC day, included)".into(),
        Key::TrailList => "List".into(),
        Key::TrailLoad => "Load".into(),
        Key::TrailUseEmulator => "Use the local emulator's demo trail".into(),
        Key::TrailListing { listed, total, files } => {
            format!("Listing… {listed} of {total} day folders, {files} files found")
        }
        Key::PlanLabel => "Plan: ".into(),
        Key::PlanTotals { files, bytes, events } => format!("{files} files · {bytes} · {events} events expected"),
        Key::PlanRange { from, to } => format!(" ({from} to {to}, UTC)"),
        Key::PlanEmpty => {
            "No trail files in this date range. Check the prefix and the dates (folders are UTC days).".into()
        }
        Key::PlanSkipped { not_trail, unusual, implausible } => format!(
            "Left out: {not_trail} objects that are not trail files, {unusual} keys the console does not request, \
             {implausible} files with implausible sizes or event counts."
        ),
        Key::PlanRegions => "Regions".into(),
        Key::LinkTrimmed(t) => {
            let mut parts = Vec::new();
            if let Some(n) = t.link_bytes {
                parts.push(format!(
                    "this link is {} characters long; only the first {} were read",
                    count(Lang::En, n as u64),
                    count(Lang::En, share::MAX_LINK_BYTES as u64)
                ));
            }
            for (field, n) in &t.values {
                parts.push(format!(
                    "{} more values of {} were left out",
                    count(Lang::En, *n as u64),
                    field.label(Lang::En)
                ));
            }
            format!(
                "The link asked for more than the console reads from a link (at most {} values per field): {}. \
                 Check the filters below before relying on the results.",
                share::MAX_LINK_VALUES,
                parts.join("; ")
            )
        }
        Key::PlanByDay(n) => format!("By region and day ({n})"),
        Key::PlanDay => "Day (UTC)".into(),
        Key::PlanFiles => "Files".into(),
        Key::PlanSize => "Size".into(),
        Key::PlanEventsExpected => "Events expected".into(),
        Key::TrailProgress { done, total, received, events, seconds } => {
            format!("{done} of {total} files · {received} received · {events} events read · {seconds} s")
        }
        Key::TrailProgressLabel => "Trail loading progress".into(),
        Key::TrailLoaded => "Loaded.".into(),
        Key::TrailCancelled => "Cancelled: the files read so far are kept.".into(),
        Key::TrailStopped { summary, advice } => format!("Stopped: {summary}. {advice}"),
        Key::TrailFailure { summary, tries, advice } => format!(": {summary} (after {tries} tries). {advice}"),

        Key::BridgeSummary => "Past this tab: this filter in Log Service or LookupEvents".into(),
        Key::BridgeIntro => "A trail too large for a browser tab lives in Log Service (SLS), where ActionTrail \
                             delivers to the logstore actiontrail_<trail name>. Take the current filter there, or to \
                             the ActionTrail LookupEvents API."
            .into(),
        Key::SlsTitle => "Log Service (SLS) query".into(),
        Key::TimeWindowLabel => "Time range: ".into(),
        Key::WindowClosed { from, to, from_s, to_s } => {
            format!("{from} to {to} UTC (Unix seconds {from_s} to {to_s}; set it as the query's time range)")
        }
        Key::WindowOpen { from, to } => format!(
            "from {} to {}: choose the time range where you run the query (else the service's default applies)",
            from.unwrap_or("the beginning"),
            to.unwrap_or("now")
        ),
        Key::CopySlsQuery => "Copy as SLS query".into(),
        Key::SlsProject => "SLS project".into(),
        Key::SlsLogstore => "Logstore".into(),
        Key::SlsLogstorePlaceholder => "actiontrail_<trail name>".into(),
        Key::SlsSite => "Console site".into(),
        Key::SiteChina => "China site (aliyun.com)".into(),
        Key::SiteInternational => "International site (alibabacloud.com)".into(),
        Key::OpenInSls => "Open in Log Service".into(),
        Key::OpenInSlsHint => {
            "Enter the project and logstore the trail delivers to, to open this query in the Log Service console."
                .into()
        }
        Key::LookupTitle => "ActionTrail LookupEvents".into(),
        Key::LookupNoAttributes => "No attribute: LookupEvents would return every event of the time range.".into(),
        Key::CopyLookupEvents => "Copy as LookupEvents attributes".into(),
        Key::CopyLookupCli => "Copy the aliyun CLI command".into(),
        Key::LookupDroppedTitle(n) => format!(
            "LookupEvents takes at most two attributes, matched exactly; {n} part(s) of the filter were left out:"
        ),
        Key::ColdTitle => "Cold data".into(),
        Key::ColdIntro => "Which objects under a prefix have not been read for a while. The console lists them (up to 200,000) and reads the last access time of up to 2,000, chosen by size so that bytes are estimated well (GetObjectMeta). Nothing is written.".into(),
        Key::ColdPrefix => "Prefix (empty: the whole bucket)".into(),
        Key::ColdDays => "A rule at this many days since the last access".into(),
        Key::ColdSmallFiles => "Count objects under 64 KB (a rule with \"small files too\")".into(),
        Key::ColdScan => "Scan".into(),
        Key::ColdCancel => "Cancel".into(),
        Key::ColdListing(n) => format!("Listing: {n} objects so far…"),
        Key::ColdReading { listed, read, to_read, failed } => {
            format!("Listed {listed} objects; read {read} of {to_read} last access times ({failed} failed)…")
        }
        Key::ColdDaysInvalid => "Type the days as a whole number from 1 to 36,500.".into(),
        Key::ColdHeadline { days, cold, standard, objects, margin: Some(m) } => format!(
            "A rule at {days} days would move about {cold} (± {m}) of the {standard} in Standard: about {objects} objects."
        ),
        Key::ColdHeadline { days, cold, standard, objects, margin: None } => {
            format!("A rule at {days} days would move {cold} of the {standard} in Standard: {objects} objects.")
        }
        Key::ColdScope { place, objects, bytes } => format!("{place}: {objects} objects, {bytes}."),
        Key::ColdExact => "Every object was read: the figures are exact.".into(),
        Key::ColdSampled { read, listed } => format!(
            "Estimated from {read} of {listed} objects, sampled by size; ± is a 95% margin."
        ),
        Key::ColdCapped(cap) => format!("The listing stopped at {cap} keys: the figures are for those only."),
        Key::ColdCancelled => "Cancelled: the figures use what was read before.".into(),
        Key::ColdFailedReads(n) => format!("{n} reads failed after retries and are left out (the request log of your browser's developer tools says why)."),
        Key::ColdHeadBlocked => "No object read got an answer this page may read, while the listing did: the bucket's CORS rule must allow HEAD and expose x-oss-last-access-time. This rule does both:".into(),
        Key::ColdNoAccessTimes => "None of the objects read has a last access time: tracking is off or new, or the bucket's CORS rule does not expose x-oss-last-access-time.".into(),
        Key::ColdUnreadStrata(n) => format!("{n} size group(s) had no object read: the figures leave them out, so they are lower bounds."),
        Key::ColdLoop => "The listing repeated itself (a continuation token came back) and was stopped. Scan again; if it repeats, the endpoint is not answering as OSS does.".into(),
        Key::ColdNothingRead => "No last access time could be read, so there is nothing to estimate from (the listing's figures below are exact).".into(),
        Key::ColdAgeTitle => "By last access".into(),
        Key::ColdClassTitle => "By storage class (from the listing: exact)".into(),
        Key::ColdAge(None) => "no access time".into(),
        Key::ColdAge(Some((lo, Some(hi)))) => format!("{lo}–{hi} days"),
        Key::ColdAge(Some((lo, None))) => format!("over {} days", lo.saturating_sub(1)),
        Key::ColdNoAccessHint => "\"No access time\": OSS gave none (tracking was off when the object was last read, or it predates tracking).".into(),
        Key::ColdLastRead => "Last read".into(),
        Key::ColdObjects => "Objects".into(),
        Key::ColdBytes => "Bytes".into(),
        Key::ColdShare => "Share of bytes".into(),
        Key::ColdClass => "Storage class".into(),
        Key::ColdMakeRule(days) => format!("Write a rule for this prefix at {days} days…"),
        Key::LcEdit => "Edit rules".into(),
        Key::LcReading => "Reading the configuration…".into(),
        Key::LcIntro => "Rules counted from the last access time can be added, edited, disabled and deleted here. Every other rule, and every part of the configuration the editor does not show, is kept exactly as it is.".into(),
        Key::LcNewRule => "New last-access rule".into(),
        Key::LcFormNew => "New rule".into(),
        Key::LcFormEdit(id) => format!("Edit rule {id}"),
        Key::LcRuleId => "Rule ID".into(),
        Key::LcPrefix => "Prefix (empty: the whole bucket)".into(),
        Key::LcTags => "Tags (key=value, separated by commas; optional)".into(),
        Key::LcDays => "Days since the last access".into(),
        Key::LcStorageClass => "Move to".into(),
        Key::LcClass(c) => match c {
            StorageClass::IA => "IA (Infrequent Access)",
            StorageClass::Archive => "Archive",
            StorageClass::ColdArchive => "Cold Archive",
        }
        .into(),
        Key::LcReturnToStandard => "Back to Standard when read (IA only)".into(),
        Key::LcAllowSmallFile => "Small files too (under 64 KB)".into(),
        Key::LcEnabled => "Enabled".into(),
        Key::LcSaveRule => "Keep this rule".into(),
        Key::LcDropForm => "Discard".into(),
        Key::LcFormProblem(FormProblem::IdTaken(id)) => format!("Another rule is called {id}: choose another ID."),
        Key::LcFormProblem(FormProblem::NoDays) => "Type the days as a whole number above 0.".into(),
        Key::LcFormProblem(FormProblem::NoId) => "Give the rule an ID (so that it can be found again when the rules are read back).".into(),
        Key::LcEditRule => "Edit".into(),
        Key::LcDisable => "Disable".into(),
        Key::LcEnable => "Enable".into(),
        Key::LcDelete => "Delete".into(),
        Key::LcReadOnly => "Kept as it is: the editor does not change this rule.".into(),
        Key::LcRuleSummary(r) => {
            let mut s = format!("to {} after {} days without a read", r.storage_class.as_str(), r.days);
            if r.return_to_std {
                s.push_str("; back to Standard when read");
            }
            if r.allow_small_file {
                s.push_str("; small files too");
            }
            if !r.tags.is_empty() {
                let tags: Vec<String> = r.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                s.push_str(&format!("; tags {}", tags.join(", ")));
            }
            s
        }
        Key::LcShowXml => "Its XML".into(),
        Key::LcReview => "Review the change".into(),
        Key::LcClose => "Close the editor".into(),
        Key::LcDiffTitle { before, after, unchanged } => {
            format!("The change: {before} rules now, {after} after, {unchanged} of them unchanged.")
        }
        Key::LcAdded => "Added".into(),
        Key::LcRemoved => "Deleted".into(),
        Key::LcChanged => "Changed".into(),
        Key::LcUnchanged => "Unchanged".into(),
        Key::LcOutside => "Something outside the rules differs.".into(),
        Key::LcBefore => "Before".into(),
        Key::LcAfter => "After".into(),
        Key::LcApply => "Apply…".into(),
        Key::LcBack => "Back to editing".into(),
        Key::LcConfirmText { bucket, rules } => format!(
            "PutBucketLifecycle replaces the whole configuration of {bucket} with these {rules} rules. Just before writing, the console reads it again and writes nothing if it changed since it was shown; afterwards it reads the rules back and compares."
        ),
        Key::LcConfirm => "Write the rules".into(),
        Key::LcNothingChanged => "Nothing changed: there is nothing to write.".into(),
        Key::LcWriting => "Reading again, writing, then reading back…".into(),
        Key::LcOk => "Written and read back: the bucket has the rules shown.".into(),
        Key::LcChangedSince => "Nothing was written: the configuration changed since it was shown (another client or tab). The rules there now are shown; make the change again.".into(),
        Key::LcUnverified(summary) => format!("Written (OSS took it), but reading the rules back failed, so it is not verified: {summary} Open the editor again to see what is there."),
        Key::LcMismatch => "Written, but the rules read back are not the ones written. The rules read back are shown: compare them, and check in the OSS console.".into(),
        Key::LcInvalidTitle => "Not sent: fix these first.".into(),
        Key::LcInvalid(i) => match i {
            Invalid::DuplicateId(id) => format!("Two rules are called {id}."),
            Invalid::NoDays(id) => format!("Rule {id} counts from the last access time but has no days."),
            Invalid::CreatedBeforeDate(id) => format!("Rule {id}: a date (CreatedBeforeDate) cannot be used with the last access time; use days."),
            Invalid::ReturnNeedsIa(id) => format!("Rule {id}: \"back to Standard when read\" is for IA only."),
            Invalid::Overlap(a, b) => format!("Rules {a} and {b} act the same way on overlapping prefixes: make the prefixes distinct, or tell the rules apart with tags."),
            Invalid::TrackingOff => "Rules on the last access time need access tracking enabled first.".into(),
            Invalid::TooManyRules(n) => format!("{n} rules: OSS takes at most 1,000."),
            Invalid::NoRules => "No rule is left: OSS needs at least one (delete the whole configuration in the OSS console instead).".into(),
        },
        Key::LcEnableTracking => "Enable access tracking".into(),
        Key::LcFailed(summary) => format!("Not done: {summary}"),
    }
}
