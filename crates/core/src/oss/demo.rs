//! The local emulator's demo account: shared by the emulator and the "Use the local emulator"
//! button, so the first screen works with no cloud account. Not secrets: they open nothing real.

/// Where `scripts/run.sh` starts the emulator.
pub const ENDPOINT: &str = "http://localhost:9000";
pub const PORT: u16 = 9000;
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
