//! The app's words, one catalog per language: [`Key`] names every piece of text a view shows
//! (with what it needs, such as a count already written in the page's language), and `en.rs` /
//! `zh.rs` each give all of them with one exhaustive `match`, so a key missing in either language
//! does not build. The core's messages (OSS advice, load problems, …) come from
//! `console_core::i18n` the same way.
//!
//! The language lives in a context ([`LangProvider`]): it follows `navigator.language` until the
//! user picks one with the header's switch (remembered in localStorage), and it is put on
//! `<html lang>` and the document title.
//!
//! Adding text: add a variant to `Key`, then its words to both `en.rs` and `zh.rs` (the compiler
//! lists what is missing), and use `lang.t(Key::…)` in the view.

mod en;
mod zh;

use crate::explorer::state::{Notice, WorkerFailure};
use crate::services;
use crate::widgets::format::TimeUnit;
pub use console_core::i18n::Lang;
use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::trail::recovery::Dropped;
use yew::prelude::*;

/// Write a key in a language.
pub trait Tr {
    /// The text of `key`.
    fn t(self, key: Key<'_>) -> String;
}

impl Tr for Lang {
    fn t(self, key: Key<'_>) -> String {
        match self {
            Lang::En => en::text(&key),
            Lang::Zh => zh::text(&key),
        }
    }
}

/// Texts looked up while the page is idle, a slice per idle moment, before the redraws that need
/// many. A browser optimizes a function once it has run a while; the text lookup holds every text
/// of a language, and optimizing it took about 75 ms of a processor, which fell in the first
/// load's progress redraws while the worker parsed on the other core (100k events: 296 → 284 ms,
/// median of seven fresh browsers each, alternating).
pub fn warm_up(lang: Lang, slices: u32) {
    const PER_SLICE: usize = 2_000;
    if slices == 0 {
        return;
    }
    let mut sum = 0;
    for _ in 0..PER_SLICE {
        sum += lang.t(std::hint::black_box(Key::TabEvents)).len();
    }
    std::hint::black_box(sum);
    services::js::when_idle(move || warm_up(lang, slices - 1));
}

/// Every piece of the app's text. Counts and sizes arrive already formatted for the language
/// (`widgets::format`); identifiers (codes, ids, names of API calls) arrive as they are.
#[derive(Clone, Debug)]
pub enum Key<'a> {
    // The shell.
    ProductName,
    TabTracking,
    TabEvents,
    ViewsNav,
    /// The app's version.
    FooterVersion(&'a str),
    FooterPrivacy,
    /// The other language's own name.
    LangSwitchTitle(&'a str),
    ThemeDark,
    ThemeDarkTitle,
    PanicTitle,
    PanicBody,

    // Shared words.
    Cancel,
    Copied,
    CopyFailed,
    Region,
    EndpointOptional,
    AddressingStyle,
    VirtualHosted,
    PathStyle,
    BucketCardTitle,
    CanonicalRequest,
    StringToSign,
    CorsRuleTitle,
    ResultOk,
    Unknown,
    NoneValue,
    ListSeparator,
    ErrorsOnly,
    SensitiveOnly,
    /// A bucket name.
    BucketLinkLabel(&'a str),
    BucketLinkText,
    /// The endpoint's origin.
    ConfirmTitle(&'a str),
    ConfirmBefore,
    ConfirmAfter,
    ConfirmSend(&'a str),
    NewTab,

    // Announcements (the page's polite live region).
    AnnounceStatus(Option<AccessMonitorStatus>),
    AnnounceFailed {
        op: &'a str,
        code: &'a str,
        summary: &'a str,
    },
    AnnounceLoading,
    AnnounceLoaded {
        events: String,
        files: String,
        problems: u64,
    },
    AnnounceMatches {
        n: String,
        total: String,
    },
    AnnouncePlan(&'a str),

    // Access tracking.
    TrackingHeading,
    TrackingIntro,
    LastRequestId,
    BusyReading,
    BusyEnabling,
    BusyDisabling,
    StatusText(Option<AccessMonitorStatus>),
    ReadStatus,
    ReadStatusFirst,
    TurnTrackingOff,
    TurnTrackingOn,
    StatusHint,
    BucketName,
    NoAccount,
    UseEmulator,
    EmulatorHint,
    CredTitle,
    AccessKeyIdLabel,
    AccessKeySecretLabel,
    SecurityTokenLabel,
    Show,
    Hide,
    /// The field's label.
    ShowField(&'a str),
    HideField(&'a str),
    /// How long ago / how long left (`m:ss` or `h:mm:ss`).
    CredExpired(&'a str),
    CredExpiresIn(&'a str),
    /// When (ISO 8601).
    CredExpiration(&'a str),
    CredPasteSummary,
    CredPasteLabel,
    CredPastePlaceholder,
    CredPasteApply,
    /// Filled from a paste: its format, the key's start, when the credentials expire.
    CredPasted {
        from: console_core::oss::credentials::PasteFormat,
        key: &'a str,
        expires: Option<&'a str>,
    },
    CredRemember,
    CredClear,
    CredHint,
    TheirsMissing,
    LinesDiffer {
        title: &'a str,
        n: usize,
    },
    Ours,
    Theirs,
    SecretWrongHint,
    /// Every line of both strings matches OSS's.
    SignatureSecretWrong,
    /// This many lines differ from what OSS computed.
    SignatureLinesDiffer(usize),
    /// The API name.
    OperationFailed(&'a str),
    RequestIdPart(&'a str),
    EcPart(&'a str),
    CopyRule,
    HistoryTitle,
    HistoryNoEvents,
    HistoryNoBucket,
    HistoryLooking,
    HistoryNone {
        bucket: &'a str,
        loaded: String,
    },
    HistoryNewest {
        total: String,
        shown: String,
    },
    HistoryAll(String),
    HistoryBy {
        identity: &'a str,
        ip: &'a str,
    },
    ShowInEvents,
    LifecycleTitle,
    LifecycleUnknown,
    LifecycleFailed {
        summary: &'a str,
        advice: &'a str,
    },
    LifecycleNone,
    LifecycleBlocking(usize),
    RuleNoId,
    RuleWholeBucket,
    RulePrefix(&'a str),
    RuleEnabled,
    RuleDisabled,
    LastAccessBadge,
    LastAccessBadgeTitle,
    RuleTransition {
        noncurrent: bool,
        class: &'a str,
        days: Option<u32>,
        access_time: bool,
    },
    RuleExpiration(u32),
    RuleNoAction,
    RequestLog(usize),
    RequestLogEmpty,
    NoResponse,
    /// Milliseconds, written.
    DurationMs(&'a str),
    /// The API name.
    SigningDetails(&'a str),
    SignedHeaders,
    AuthorizationHeader,
    /// Seconds with their sign, written.
    NoteClockCorrected {
        offset: &'a str,
        server_time: &'a str,
    },
    NoteNoResponse,
    NoteRedirect,
    NoteTimeout,
    NoteTooLarge,
    /// A link's filters, waiting for its events to be loaded.
    LinkWaiting,
    UndoClear,
    ClearLog,
    CopyLink,
    BodySent,
    TabFleet,
    FleetHeading,
    FleetIntro,
    FleetAddTitle,
    FleetInputLabel,
    FleetAdd,
    /// How many buckets the loaded events name.
    FleetFromEvents(usize),
    FleetFromEventsNone,
    FleetBadLines(usize),
    FleetMerged {
        merged: usize,
        dropped: usize,
    },
    FleetRead,
    FleetCancel,
    FleetEnableAll,
    FleetDisableAll,
    FleetRetryFailed(usize),
    FleetExport,
    FleetClear,
    FleetReading,
    FleetSwitching(console_core::oss::access_monitor::AccessMonitorStatus),
    FleetProgress {
        kind: &'a str,
        done: &'a str,
        total: &'a str,
        failed: &'a str,
        cancelled: bool,
    },
    FleetStoppedCredentials(&'a str),
    FleetStoppedForm(&'a str),
    FleetPlanTitle,
    FleetPlan {
        target: console_core::oss::access_monitor::AccessMonitorStatus,
        change: usize,
        same: usize,
        blocked: usize,
    },
    FleetNotRead,
    FleetConfirm {
        target: console_core::oss::access_monitor::AccessMonitorStatus,
        n: usize,
    },
    FleetDropPlan,
    FleetScriptTitle(usize),
    FleetScriptHint,
    FleetCopyScript,
    FleetDownload,
    FleetCorsTitle,
    FleetCopyCors,
    FleetTableTitle {
        shown: usize,
        total: usize,
    },
    FleetFilter,
    FleetShow,
    FleetShowAll,
    FleetShowProblems,
    FleetEmpty,
    FleetStatus,
    FleetAccessTimeRules,
    FleetLastChange,
    FleetProblem,
    FleetProblemRegion(Option<&'a str>),
    FleetProblemText(&'a console_core::screens::fleet::Problem),
    FleetMoved {
        from: &'a str,
        to: &'a str,
    },
    FleetSwitched,
    FleetSeenChange {
        who: &'a str,
        at: &'a str,
        failed: bool,
    },
    TabInsights,
    InsightsHeading,
    InsightsIntro,
    InsightsNoEvents,
    InsightsComputing,
    /// `shown` of `found` insights over `events` events, found in `ms` milliseconds.
    InsightsSummary {
        shown: usize,
        found: usize,
        events: &'a str,
        ms: &'a str,
    },
    InsightsNone,
    Severity(console_core::trail::insights::Severity),
    InsightKind(console_core::trail::insights::Kind),
    /// What was seen (a sentence with the subject).
    InsightTitle(&'a console_core::trail::insights::Insight),
    /// Against what was expected, and the numbers.
    InsightEvidence(&'a console_core::trail::insights::Insight),
    InsightWindow {
        from: &'a str,
        to: &'a str,
    },
    InsightApply,
    WhoDidWhat,
    WhoDidWhatLabel(&'a str),
    ProfileTitle {
        field: &'a str,
        value: &'a str,
    },
    ProfileNone {
        field: &'a str,
        value: &'a str,
    },
    ProfileSummary {
        events: &'a str,
        errors: &'a str,
        writes: &'a str,
        sensitive: &'a str,
        first: &'a str,
        last: &'a str,
    },
    ProfileActivity,
    ProfileShowEvents,
    ProfileClose,
    /// What a tracking switch changed; `from` when an older switch in the events says.
    HistoryTrackingChange {
        from: Option<&'a str>,
        to: &'a str,
    },
    /// A refused change: what it asked for.
    HistoryAsked(&'a str),
    /// The rules a PutBucketLifecycle wrote (the first few IDs, and how many more).
    HistoryRules {
        ids: &'a str,
        more: usize,
        succeeded: bool,
    },
    HistoryNoRuleId,
    HistoryRulesDeleted,
    /// The AccessKeyId in the fields, about to be replaced by the demo one.
    DemoReplaces(&'a str),
    DemoReplace,
    DemoKeep,
    CopyAsCommand,
    CommandsNoSecrets,
    CopyAsCurl,
    CopyAsOssutil,
    SkipToTable,
    ColumnsChoose,
    ColumnErrorMessage,
    ColumnRequestId,
    SensitiveBadge,
    FacetKeys,
    /// `zone`: "UTC", or [`Key::LocalZone`].
    TimeRangeLabel(&'a str),
    RangeFrom(&'a str),
    RangeTo(&'a str),
    /// The browser's time zone, by its offset now (`+08:00`).
    LocalZone(&'a str),
    RangeLocal,
    RangeApply,
    RangeLastHour,
    RangeLastDay,
    RangeLastWeek,
    RangeAll,
    RangeBad,
    /// The SLS window is the span of the events shown.
    WindowFromShown,
    /// Show the reads in a bucket's history (how many).
    HistoryShowReads(&'a str),
    /// Nothing was sent: these fields (listed) are empty.
    MissingFields(&'a str),
    /// The endpoint is OSS's endpoint of another region.
    EndpointRegionMismatch {
        endpoint_region: &'a str,
        region: &'a str,
    },
    TrailWorkerStopped,

    // Events.
    EventsHeading,
    EventCount(&'a str),
    WithErrors(&'a str),
    QueryTime(&'a str),
    TestCrashWorker,
    Notice(&'a Notice),
    WorkerRecovering {
        reason: &'a str,
        files: usize,
        dropped: &'a [Dropped],
    },
    WorkerFailed(&'a WorkerFailure),
    NoMatches,
    EmptyState,
    DropHere,
    DropMore,
    DropHint,
    ChooseFiles,
    ChooseFilesLabel,
    LoadSample,
    ClearEvents,
    OrPasteJson,
    PasteEventsLabel,
    PasteEventsPlaceholder,
    LoadPasted,
    LoadProgress {
        read: &'a str,
        total: &'a str,
        events: &'a str,
        seconds: &'a str,
    },
    LoadProgressLabel,
    FilesHeading(usize),
    MoreFiles(&'a str),
    /// Files queued behind the one being read, not listed.
    FilesWaiting(&'a str),
    /// Files with a problem or skipped entries past those listed.
    MoreNotedFiles(&'a str),
    /// The list of files never read (summary of a `<details>`).
    FilesNotRead(&'a str),
    TallyLoaded(&'a str),
    TallyProblems(&'a str),
    TallyReading(&'a str),
    TallyWaiting(&'a str),
    TallyCancelled(&'a str),
    TallyNotRead(&'a str),
    FileWaiting,
    /// Every object fetched, but the worker is still reading them.
    TrailFetchedReading,
    FileNotRead,
    FileCancelled,
    FileReading {
        read: &'a str,
        size: &'a str,
    },
    FileProblem,
    FileLoaded,
    FileEvents(&'a str),
    FileDuplicates(&'a str),
    FileSkipped(&'a str),
    EventsBeforeKept(&'a str),
    SkippedEntries(usize),
    SkipAt {
        line: u64,
        offset: u64,
        reason: &'a str,
    },
    SearchLabel,
    SearchPlaceholder,
    SensitiveTitle,
    ExportFiltered,
    /// The format's name.
    ExportAs(&'a str),
    ActiveFilters,
    ChipValue {
        field: &'a str,
        exclude: bool,
        value: &'a str,
    },
    ChipTime {
        from: &'a str,
        to: &'a str,
    },
    ChipText(&'a str),
    RemoveFilter(&'a str),
    ClearAllFilters,
    SummaryLabel,
    KpiEvents,
    KpiOf {
        n: &'a str,
        total: &'a str,
    },
    KpiErrors,
    KpiIdentities,
    KpiSourceIps,
    KpiBuckets,
    KpiSpan,
    HistogramTitle,
    HistogramHint((i64, TimeUnit)),
    /// A span of time in words: "2 years", "3 days".
    Span((i64, TimeUnit)),
    HistogramLabel(TimeUnit),
    TipErrors(&'a str),
    TimeUtc(&'a str),
    TimeLocal(&'a str),
    /// The value, written.
    FacetIncludeTitle(&'a str),
    FacetHide(&'a str),
    ShowMore(&'a str),
    ShowFewer,
    TableTitle,
    TableKeys,
    SensitiveOperation,
    SortNewestFirst,
    SortOldestFirst,
    ColumnTime,
    ColumnEvent,
    ColumnIdentity,
    ColumnSourceIp,
    ColumnRegion,
    ColumnBucket,
    ColumnResult,
    DetailTitle,
    DetailReading,
    DetailFilterTitle {
        field: &'a str,
        value: &'a str,
    },
    CopyJson,
    EventJson,
    /// Why, written by the core's catalog.
    DetailUnreadable(&'a str),
    CloseDetail,

    // From an OSS bucket.
    TrailSummary,
    TrailNeedsCredentials,
    TrailPrefix,
    TrailFrom,
    TrailTo,
    TrailList,
    TrailLoad,
    TrailUseEmulator,
    TrailListing {
        listed: usize,
        total: usize,
        files: &'a str,
    },
    PlanLabel,
    PlanTotals {
        files: &'a str,
        bytes: &'a str,
        events: &'a str,
    },
    PlanRange {
        from: &'a str,
        to: &'a str,
    },
    PlanEmpty,
    /// A link longer than its caps, read in part.
    LinkTrimmed(&'a console_core::trail::share::Trimmed),
    /// Listed objects not in the plan: not trail files, never requested, implausible numbers.
    PlanSkipped {
        not_trail: &'a str,
        unusual: &'a str,
        implausible: &'a str,
    },
    PlanRegions,
    PlanByDay(usize),
    PlanDay,
    PlanFiles,
    PlanSize,
    PlanEventsExpected,
    TrailProgress {
        done: &'a str,
        total: &'a str,
        received: &'a str,
        events: &'a str,
        seconds: &'a str,
    },
    TrailProgressLabel,
    TrailLoaded,
    TrailCancelled,
    TrailStopped {
        summary: &'a str,
        advice: &'a str,
    },
    TrailFailure {
        summary: &'a str,
        tries: u32,
        advice: &'a str,
    },

    // Past this tab: Log Service and LookupEvents.
    BridgeSummary,
    BridgeIntro,
    SlsTitle,
    TimeWindowLabel,
    WindowClosed {
        from: &'a str,
        to: &'a str,
        from_s: i64,
        to_s: i64,
    },
    WindowOpen {
        from: Option<&'a str>,
        to: Option<&'a str>,
    },
    CopySlsQuery,
    SlsProject,
    SlsLogstore,
    SlsLogstorePlaceholder,
    SlsSite,
    SiteChina,
    SiteInternational,
    OpenInSls,
    OpenInSlsHint,
    LookupTitle,
    LookupNoAttributes,
    CopyLookupEvents,
    CopyLookupCli,
    LookupDroppedTitle(usize),

    // Cold data (the tracking view).
    ColdTitle,
    ColdIntro,
    ColdPrefix,
    ColdDays,
    ColdSmallFiles,
    ColdScan,
    ColdCancel,
    ColdListing(&'a str),
    ColdReading {
        listed: &'a str,
        read: &'a str,
        to_read: &'a str,
        failed: &'a str,
    },
    ColdDaysInvalid,
    /// What a rule at `days` days would move; `margin` when the figure is estimated.
    ColdHeadline {
        days: &'a str,
        cold: &'a str,
        standard: &'a str,
        objects: &'a str,
        margin: Option<&'a str>,
    },
    ColdScope {
        place: &'a str,
        objects: &'a str,
        bytes: &'a str,
    },
    ColdExact,
    ColdSampled {
        read: &'a str,
        listed: &'a str,
    },
    ColdCapped(&'a str),
    ColdCancelled,
    ColdFailedReads(&'a str),
    ColdHeadBlocked,
    ColdNoAccessTimes,
    ColdUnreadStrata(usize),
    ColdLoop,
    ColdNothingRead,
    ColdAgeTitle,
    ColdClassTitle,
    /// An age band in days (`None`: no access time).
    ColdAge(Option<(u32, Option<u32>)>),
    ColdNoAccessHint,
    ColdLastRead,
    ColdObjects,
    ColdBytes,
    ColdShare,
    ColdClass,
    ColdMakeRule(&'a str),

    // The lifecycle editor.
    LcEdit,
    LcReading,
    LcIntro,
    LcNewRule,
    LcFormNew,
    LcFormEdit(&'a str),
    LcRuleId,
    LcPrefix,
    LcTags,
    LcDays,
    LcStorageClass,
    LcClass(console_core::oss::lifecycle_config::StorageClass),
    LcReturnToStandard,
    LcAllowSmallFile,
    LcEnabled,
    LcSaveRule,
    LcDropForm,
    LcFormProblem(&'a console_core::screens::lifecycle::FormProblem),
    LcEditRule,
    LcDisable,
    LcEnable,
    LcDelete,
    LcReadOnly,
    LcRuleSummary(&'a console_core::oss::lifecycle_config::AtimeRule),
    LcShowXml,
    LcReview,
    LcClose,
    LcDiffTitle {
        before: usize,
        after: usize,
        unchanged: usize,
    },
    LcAdded,
    LcRemoved,
    LcChanged,
    LcUnchanged,
    LcOutside,
    LcBefore,
    LcAfter,
    LcApply,
    LcBack,
    LcConfirmText {
        bucket: &'a str,
        rules: usize,
    },
    LcConfirm,
    LcNothingChanged,
    LcWriting,
    LcOk,
    LcChangedSince,
    LcMismatch,
    /// Written, but the read-back failed (its summary).
    LcUnverified(&'a str),
    LcInvalidTitle,
    LcInvalid(&'a console_core::oss::lifecycle_config::Invalid),
    LcEnableTracking,
    /// Not written (or not read): what happened.
    LcFailed(&'a str),
}

/// The language and a way to change it, for everything inside [`LangProvider`].
#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
}

/// Holds the page's language; keeps `<html lang>` and the title in step with it.
/// Files left out of a worker's reload, each with what the browser said (`unsaid` when nothing).
fn dropped_list(dropped: &[Dropped], unsaid: &str) -> String {
    let reason = |r: &str| if r.is_empty() { unsaid.to_string() } else { r.to_string() };
    dropped.iter().map(|d| format!("{} ({})", d.name, reason(&d.reason))).collect::<Vec<_>>().join(", ")
}

#[function_component(LangProvider)]
pub fn lang_provider(p: &ProviderProps) -> Html {
    let lang = use_state(services::lang::initial);
    use_effect_with(*lang, |lang| services::lang::apply(*lang, &lang.t(Key::ProductName)));
    let set = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            services::lang::remember(l);
            lang.set(l);
        })
    };
    let context = LangContext { lang: *lang, set };
    html! { <ContextProvider<LangContext> context={context}>{ p.children.clone() }</ContextProvider<LangContext>> }
}

/// The language context (English, unchangeable, outside a provider: component tests).
#[hook]
pub fn use_lang_context() -> LangContext {
    use_context::<LangContext>().unwrap_or_else(|| LangContext { lang: Lang::En, set: Callback::noop() })
}

/// The page's language.
#[hook]
pub fn use_lang() -> Lang {
    use_lang_context().lang
}
