//! `cargo xtask load ADDR [--pipeline] [--messages N] [--sessions S] [--size BYTES]`:
//! a small SMTP load client for comparing servers (smtplab serve, Postfix, smtp-sink).
//! Each session keeps its connection; with `--pipeline`, MAIL, RCPT and DATA go in one
//! write (RFC 2920). Prints messages per second.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Instant;

use crate::Result;

pub fn run(args: &[String]) -> Result<()> {
    let addr = args
        .first()
        .ok_or("usage: cargo xtask load ADDR [--pipeline] [--messages N] [--sessions S] [--size B]")?;
    let flag = |name: &str| args.iter().any(|a| a == name);
    let number = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (messages, sessions, size) = (
        number("--messages", 10_000),
        number("--sessions", 20),
        number("--size", 1000),
    );
    let pipeline = flag("--pipeline");
    let started = Instant::now();
    let workers: Vec<_> = (0..sessions)
        .map(|s| {
            let addr = addr.clone();
            let count = messages / sessions + usize::from(s < messages % sessions);
            std::thread::spawn(move || session(&addr, count, size, pipeline))
        })
        .collect();
    let mut sent = 0;
    for worker in workers {
        sent += worker.join().map_err(|_| "a load session panicked")??;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{addr}: {sent} messages of {size} bytes in {secs:.2} s over {sessions} sessions{}: {:.0} messages/s",
        if pipeline { ", pipelined" } else { "" },
        sent as f64 / secs
    );
    Ok(())
}

fn session(addr: &str, count: usize, size: usize, pipeline: bool) -> Result<usize> {
    let stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    let mut writer = stream;
    let expect = |reader: &mut BufReader<TcpStream>, code: &str| -> Result<()> {
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).map_err(|e| e.to_string())?;
            if line.as_bytes().get(3) != Some(&b'-') {
                break;
            }
        }
        if line.starts_with(code) {
            Ok(())
        } else {
            Err(format!("expected {code}, got {line:?}"))
        }
    };
    let io = |e: std::io::Error| e.to_string();
    expect(&mut reader, "220")?;
    writer.write_all(b"EHLO load.example.org\r\n").map_err(io)?;
    expect(&mut reader, "250")?;
    let body = format!(
        "Subject: load\r\n\r\n{}\r\n.\r\n",
        "x".repeat(size.saturating_sub(20))
    );
    let envelope = "MAIL FROM:<load@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n";
    for _ in 0..count {
        if pipeline {
            writer.write_all(envelope.as_bytes()).map_err(io)?;
        } else {
            for line in envelope.split_inclusive("\r\n") {
                writer.write_all(line.as_bytes()).map_err(io)?;
                if !line.starts_with("DATA") {
                    expect(&mut reader, "250")?;
                }
            }
        }
        if pipeline {
            expect(&mut reader, "250")?;
            expect(&mut reader, "250")?;
        }
        expect(&mut reader, "354")?;
        writer.write_all(body.as_bytes()).map_err(io)?;
        expect(&mut reader, "250")?;
    }
    writer.write_all(b"QUIT\r\n").map_err(io)?;
    Ok(count)
}
