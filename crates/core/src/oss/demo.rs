//! The local emulator's demo account: shared by the emulator and the "Use the local emulator"
//! button, so the first screen works with no cloud account. Not secrets: they open nothing real.

/// Where `scripts/run.sh` starts the emulator.
pub const ENDPOINT: &str = "http://localhost:9000";
pub const PORT: u16 = 9000;
/// Where `scripts/run.sh` serves the console: the origins the emulator allows by default (CORS).
pub const CONSOLE_ORIGINS: &[&str] = &["http://127.0.0.1:8080", "http://localhost:8080"];
pub const REGION: &str = "cn-hangzhou";
/// Access tracking starts disabled here.
pub const BUCKET: &str = "demo-bucket";
/// Has a last-access-time lifecycle rule: tracking cannot be disabled.
pub const LOCKED_BUCKET: &str = "demo-locked";
pub const ACCESS_KEY_ID: &str = "STS.EmulatorDemoKeyId";
pub const ACCESS_KEY_SECRET: &str = "EmulatorDemoSecret/NotForProduction+0";
pub const SECURITY_TOKEN: &str = "CAIS.EmulatorDemoToken+/Q==";
/// A key the emulator treats as expired STS credentials.
pub const EXPIRED_ACCESS_KEY_ID: &str = "STS.EmulatorExpiredKeyId";
/// A bucket with an ordinary lifecycle rule (not based on access time) and the seeded trail:
/// ActionTrail files laid out as a single-account trail delivers them.
pub const TRAIL_BUCKET: &str = "demo-trail";
/// The seeded trail's key prefix (the trail's `OssKeyPrefix`).
pub const TRAIL_PREFIX: &str = "actiontrail";
/// Regions the seeded trails deliver for; the first is [`REGION`].
pub const TRAIL_REGIONS: &[&str] = &["cn-hangzhou", "cn-shanghai", "ap-southeast-1"];
/// UTC days the emulator seeds by default, ending on its current day.
pub const TRAIL_DAYS: u32 = 3;
/// The default seed of the generated trail.
pub const TRAIL_SEED: u64 = 7;
/// A smaller trail bucket in the multi-account layout (`<rd_id>/<accountid>/` levels).
pub const ORG_TRAIL_BUCKET: &str = "demo-trail-org";
/// The multi-account trail's key prefix.
pub const ORG_TRAIL_PREFIX: &str = "org-trail";
/// The resource directory id in the multi-account layout.
pub const ORG_TRAIL_RD_ID: &str = "rd-3fUxQk";
/// Member accounts of the multi-account trail.
pub const ORG_TRAIL_ACCOUNTS: &[&str] = &["1892171716718765", "1523446112330987"];
