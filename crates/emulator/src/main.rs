//! `oss-emulator [--addr 127.0.0.1:9000] [--cors-origin ORIGIN]… [--bucket NAME[:enabled][:lifecycle]]…`

use oss_emulator::{Bucket, State};

fn usage() -> ! {
    eprintln!(
        "usage: oss-emulator [--addr HOST:PORT] [--region ID] [--cors-origin ORIGIN]... [--bucket NAME[:enabled][:lifecycle]]...\n\
         Defaults: --addr 127.0.0.1:9000, the demo buckets and demo STS key (see README), CORS allows every origin."
    );
    std::process::exit(2)
}

fn main() {
    let mut state = State::demo();
    let mut addr = format!("127.0.0.1:{}", console_core::oss::demo::PORT);
    let mut origins: Vec<String> = vec![];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--addr" => addr = value(),
            "--region" => state.region = value(),
            "--cors-origin" => origins.push(value()),
            "--bucket" => {
                let spec = value();
                let mut parts = spec.split(':');
                let name = parts.next().unwrap_or_default().to_string();
                let flags: Vec<&str> = parts.collect();
                state.buckets.insert(
                    name,
                    Bucket {
                        tracking_enabled: flags.contains(&"enabled") || flags.contains(&"lifecycle"),
                        access_time_lifecycle: flags.contains(&"lifecycle"),
                    },
                );
            }
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    if !origins.is_empty() {
        state.cors_origins = origins;
    }
    let listener = match std::net::TcpListener::bind(&addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("oss-emulator: cannot listen on {addr}: {e}");
            std::process::exit(1)
        }
    };
    let bound = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
    // Tests read this line to learn the port when started with port 0.
    println!(
        "oss-emulator listening on http://{bound} (buckets: {})",
        state.buckets.keys().cloned().collect::<Vec<_>>().join(", ")
    );
    oss_emulator::serve(listener, std::sync::Arc::new(std::sync::Mutex::new(state)));
}
