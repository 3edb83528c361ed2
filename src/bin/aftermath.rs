//! The `aftermath` command-line tool (native only). All logic is in `aftermath::cli`; this
//! file asks the clock for today and does the process I/O.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let cmd = match aftermath::cli::parse_args(args) {
        Ok(cmd) => cmd,
        Err(e) => {
            eprintln!("aftermath: {}\nRun `aftermath --help` for usage.", e.0);
            std::process::exit(2);
        }
    };
    let (out, err, code) = aftermath::cli::run(cmd, today());
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    let _ = std::io::stderr().write_all(err.as_bytes());
    std::process::exit(code);
}

/// Today's UTC date: the only place the native side asks for "now".
#[cfg(not(target_arch = "wasm32"))]
fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::TimeDelta::days(days)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
