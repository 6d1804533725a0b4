//! Throughput of the engine, natively:
//! - commands per second in a typical EHLO / MAIL / RCPT / DATA / QUIT session;
//! - DATA ingestion in MB/s for a 10 MB message full of dot-stuffed lines.
//!
//! Each is measured as drivers give input: owned (`Input::Bytes`, a new Vec per packet,
//! as these benchmarks always did) and borrowed (`Session::handle_bytes` on the driver's
//! own buffer, `-borrowed`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use smtplab_engine::{Input, World};

#[path = "../tests/common.rs"]
mod common;

fn session_commands(c: &mut Criterion) {
    let script = common::TYPICAL_SESSION;
    let mut group = c.benchmark_group("session");
    group.throughput(Throughput::Elements(script.len() as u64));
    let world = World::reference();
    group.bench_function("ehlo-mail-rcpt-rcpt-data-body-quit", |b| {
        b.iter(|| {
            let mut session = common::connected_session(world.clone(), 1);
            for (i, bytes) in script.iter().enumerate() {
                session
                    .handle_input(Input::Bytes {
                        now: i as u64,
                        data: bytes.to_vec(),
                    })
                    .unwrap();
                while session.poll_output().is_some() {}
            }
            session
        })
    });
    group.bench_function("ehlo-mail-rcpt-rcpt-data-body-quit-borrowed", |b| {
        b.iter(|| {
            let mut session = common::connected_session(world.clone(), 1);
            for (i, bytes) in script.iter().enumerate() {
                session.handle_bytes(i as u64, bytes).unwrap();
                while session.poll_output().is_some() {}
            }
            session
        })
    });
    group.finish();
}

fn data_ingestion(c: &mut Criterion) {
    let line = b"..a dot-stuffed line of a typical length for an email message body, seventy-odd\r\n";
    let body: Vec<u8> = line
        .iter()
        .copied()
        .cycle()
        .take(10_000_000 / line.len() * line.len())
        .collect();
    let mut world = World::reference();
    world.limits.message_size = 20_000_000;
    let mut group = c.benchmark_group("data");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("10MB-dot-stuffed-64KB-packets", |b| {
        b.iter(|| {
            let mut session = common::connected_session(world.clone(), 1);
            let start =
                b"EHLO a\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n".to_vec();
            session
                .handle_input(Input::Bytes { now: 1, data: start })
                .unwrap();
            for packet in body.chunks(65_536) {
                session
                    .handle_input(Input::Bytes {
                        now: 2,
                        data: packet.to_vec(),
                    })
                    .unwrap();
            }
            session
                .handle_input(Input::Bytes {
                    now: 3,
                    data: b".\r\n".to_vec(),
                })
                .unwrap();
            while session.poll_output().is_some() {}
            session
        })
    });
    group.bench_function("10MB-dot-stuffed-64KB-packets-borrowed", |b| {
        b.iter(|| {
            let mut session = common::connected_session(world.clone(), 1);
            let start = b"EHLO a\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n";
            session.handle_bytes(1, start).unwrap();
            for packet in body.chunks(65_536) {
                session.handle_bytes(2, packet).unwrap();
            }
            session.handle_bytes(3, b".\r\n").unwrap();
            while session.poll_output().is_some() {}
            session
        })
    });
    group.finish();
}

criterion_group!(benches, session_commands, data_ingestion);
criterion_main!(benches);
