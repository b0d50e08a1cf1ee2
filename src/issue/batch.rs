//! Batch issuance (issue 18): many requests signed under one CA and one
//! profile on every core, recorded in the ledger a chunk at a time, and
//! handed out in input order once their chunk is synced.
//!
//! Three kinds of thread, on std's scoped threads and bounded channels
//! (keeping the input order needs hand-made batches anyway, so rayon would
//! add five crates for nothing):
//!
//! - the **feeder**, the caller's thread, reads inputs ([`Feed`]) and sends
//!   them [`BATCH`] at a time: one message per input cost more in futex
//!   traffic than the signing saved (design18.md §3.4);
//! - the **workers**, one more than there are cores so that no core idles
//!   while a worker waits for its next batch, turn each input into a signed
//!   certificate and its ledger event (the caller's `work`, which calls
//!   [`Batch::sign`]);
//! - the **writer** puts the results back in input order, gathers up to
//!   [`CHUNK`] of them (fewer when no more are ready, so that a slow
//!   producer on stdin still sees its certificates), appends their events
//!   with one lock, one write and one sync ([`ledger::append_all`]), and only
//!   then hands them to the caller's [`Sink`]. The write-ahead rule of the
//!   ledger holds per chunk: nothing is handed out before its line is
//!   synced, and a crash part-way leaves lines for certificates never
//!   handed out, never the reverse.
//!
//! Memory does not grow with the number of inputs: both channels are
//! bounded, and the writer holds at most a chunk and the batches that came
//! back ahead of their turn.
//!
//! A refused input (`work` failed, or the sink's [`Sink::admit`] said no) is
//! reported after everything before it has been recorded and handed out;
//! the sink then says whether the batch goes on. When it stops, nothing
//! after the refused input is recorded: its certificates, already signed by
//! the workers, are dropped, as a crash before the append would drop them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};

use time::OffsetDateTime;

use super::{Options, SignedBy, decide, encode};
use crate::ca::Issuer;
use crate::cfssl::config::Profile;
use crate::ledger::{self, Event};
use crate::x509::certificate::name_text;
use crate::x509::csr::CertificateRequest;
use crate::{Note, Result, hex};

/// Inputs per message from the feeder to the workers.
pub const BATCH: usize = 64;

/// The most certificates recorded with one ledger append (one lock, one
/// write, one sync).
pub const CHUNK: usize = 1024;

/// Messages each channel holds before its sender waits.
const QUEUE: usize = 8;

/// One CA, one profile and one ledger for every input of a batch.
pub struct Batch<'a> {
    pub issuer: &'a Issuer,
    pub profile: &'a Profile,
    pub options: &'a Options,
    /// The ledger each certificate is recorded in, already checked with
    /// [`ledger::check_appendable`] by the caller.
    pub ledger: Option<&'a Path>,
    /// The time, read for each certificate and each chunk: a batch fed by a
    /// slow producer may run for hours.
    pub clock: &'a (dyn Fn() -> OffsetDateTime + Sync),
    /// How many worker threads sign.
    pub workers: usize,
}

/// A certificate signed by a worker: neither recorded nor handed out yet.
#[derive(Debug)]
pub struct Signed {
    pub der: Vec<u8>,
    /// What the ledger records of it.
    pub event: Event,
    /// What is worth telling about how it was made (a clamped validity).
    pub notes: Vec<Note>,
}

/// Where a batch's inputs come from, read on the caller's thread.
pub trait Feed {
    type Input: Send;

    /// The next input, or `None` at the end.
    fn next(&mut self) -> Option<Self::Input>;

    /// Whether the next input is at hand without waiting. When it is not
    /// (stdin has no whole line buffered), the inputs read so far go to the
    /// workers at once instead of waiting for a full batch.
    fn ready(&self) -> bool {
        true
    }

    /// What wakes a feeder that waits in [`Feed::next`] for a producer
    /// (stdin left open by `tail -f`), so that a batch that stopped ends at
    /// once instead of at the producer's next line. Called once, on the
    /// writer's thread, when it is done; `next` then returns soon, with
    /// anything.
    fn waker(&self) -> Option<Box<dyn FnOnce() + Send>> {
        None
    }
}

/// Whether a batch goes on after what the sink was just given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Where a batch's results go, on the writer's thread, in input order.
pub trait Sink<T> {
    /// Takes `item` into the batch, or refuses it (a name used before):
    /// called in input order before it is recorded.
    fn admit(&mut self, item: &T) -> Result<()>;

    /// Hands out the items of a chunk whose ledger lines are synced.
    /// An error here is the end of the batch.
    fn hand_out(&mut self, items: Vec<T>) -> Result<Flow>;

    /// An input that was refused, once everything before it is handed out.
    fn refused(&mut self, error: crate::Error) -> Flow;

    /// What an append had to say (an interrupted append it removed).
    fn note(&mut self, note: Note);
}

/// What a worker sends back for one batch of inputs.
type Results<T> = Vec<Result<(Event, T)>>;

impl Batch<'_> {
    /// Signs `csr` as `sign` does (the profile decides, the CA signs, the
    /// signature is checked), with the ledger's event made from what was
    /// decided instead of from a parse of the new certificate.
    pub fn sign(&self, csr: &CertificateRequest) -> Result<Signed> {
        let now = (self.clock)();
        let params = decide(
            csr,
            self.profile,
            SignedBy::Ca(self.issuer),
            self.options,
            now,
        )?;
        let der = encode(&params, self.issuer.key.as_ref())?;
        // Whole seconds, as the certificate encodes them.
        let second = |t: OffsetDateTime| t.replace_nanosecond(0).expect("0 is a valid nanosecond");
        let event = Event::Issued {
            serial: hex::serial(params.serial.magnitude()),
            subject: name_text(&params.subject_der),
            sans: params.sans.iter().map(ToString::to_string).collect(),
            profile: self.profile.name.clone(),
            not_before: second(params.not_before),
            not_after: second(params.not_after),
            is_ca: params.ca.is_some(),
            sha256: hex::sha256_lower(&der),
        };
        // Debug builds (every test) check it against the certificate itself.
        debug_assert_eq!(
            Some(&event),
            crate::x509::certificate::Certificate::from_der(der.clone(), "the new certificate")
                .ok()
                .map(|cert| ledger::issued(&cert, &self.profile.name))
                .as_ref()
        );
        Ok(Signed {
            der,
            event,
            notes: params.notes,
        })
    }

    /// Runs the batch: every input of `feed` through `work` on the workers,
    /// the results through `sink` in input order, recorded in the ledger
    /// before the sink sees them. Returns once every input is handed out
    /// or refused, or the sink stopped the batch; an error is the ledger
    /// (or the sink) failing, after which nothing more is recorded.
    pub fn run<F, T>(
        &self,
        mut feed: F,
        work: impl Fn(F::Input) -> Result<(Event, T)> + Sync,
        sink: &mut (impl Sink<T> + Send),
    ) -> Result<()>
    where
        F: Feed,
        T: Send,
    {
        let stop = AtomicBool::new(false);
        let (to_workers, from_feeder) = sync_channel::<(u64, Vec<F::Input>)>(QUEUE);
        // Dropped with the last worker: a feeder waiting to send then wakes.
        let from_feeder = Arc::new(Mutex::new(from_feeder));
        let (to_writer, from_workers) = sync_channel::<(u64, Results<T>)>(QUEUE);
        std::thread::scope(|scope| {
            let (work, stop) = (&work, &stop);
            for _ in 0..self.workers.max(1) {
                let inputs = Arc::clone(&from_feeder);
                let results = to_writer.clone();
                scope.spawn(move || {
                    loop {
                        let next = inputs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                        let Ok((number, batch)) = next else { break };
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let done: Results<T> = batch.into_iter().map(work).collect();
                        if results.send((number, done)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop((from_feeder, to_writer));
            let waker = feed.waker();
            let writer = scope.spawn(move || {
                let written = self.write(&from_workers, sink);
                stop.store(true, Ordering::Relaxed);
                if let Some(wake) = waker {
                    wake();
                }
                written
            });

            let mut number = 0;
            let mut batch = Vec::with_capacity(BATCH);
            while !stop.load(Ordering::Relaxed) {
                let Some(input) = feed.next() else { break };
                batch.push(input);
                if batch.len() == BATCH || !feed.ready() {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if to_workers.send((number, full)).is_err() {
                        break;
                    }
                    number += 1;
                }
            }
            if !batch.is_empty() && !stop.load(Ordering::Relaxed) {
                let _ = to_workers.send((number, batch));
            }
            drop(to_workers);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// The writer: results in input order, recorded and handed out chunk by
    /// chunk.
    fn write<T>(
        &self,
        results: &Receiver<(u64, Results<T>)>,
        sink: &mut impl Sink<T>,
    ) -> Result<()> {
        // Batches that came back before the one whose turn it is.
        let mut early: BTreeMap<u64, Results<T>> = BTreeMap::new();
        let mut turn = 0;
        let mut chunk: Vec<(Event, T)> = Vec::with_capacity(CHUNK);
        loop {
            let message = match results.try_recv() {
                Ok(message) => Some(message),
                // None ready: what is gathered goes out before waiting.
                Err(TryRecvError::Empty) => {
                    if self.record(&mut chunk, sink)? == Flow::Stop {
                        return Ok(());
                    }
                    results.recv().ok()
                }
                Err(TryRecvError::Disconnected) => None,
            };
            let Some((number, batch)) = message else {
                self.record(&mut chunk, sink)?;
                return Ok(());
            };
            early.insert(number, batch);
            while let Some(batch) = early.remove(&turn) {
                turn += 1;
                for result in batch {
                    match result.and_then(|(event, item)| {
                        sink.admit(&item)?;
                        Ok((event, item))
                    }) {
                        Ok(admitted) => {
                            chunk.push(admitted);
                            if chunk.len() >= CHUNK && self.record(&mut chunk, sink)? == Flow::Stop
                            {
                                return Ok(());
                            }
                        }
                        Err(refusal) => {
                            if self.record(&mut chunk, sink)? == Flow::Stop
                                || sink.refused(refusal) == Flow::Stop
                            {
                                return Ok(());
                            }
                        }
                    }
                }
            }
        }
    }

    /// Appends the chunk's events to the ledger (one lock, one write, one
    /// sync), then hands its items to the sink.
    fn record<T>(&self, chunk: &mut Vec<(Event, T)>, sink: &mut impl Sink<T>) -> Result<Flow> {
        if chunk.is_empty() {
            return Ok(Flow::Continue);
        }
        let (events, items): (Vec<Event>, Vec<T>) = chunk.drain(..).unzip();
        if let Some(path) = self.ledger {
            let appended = ledger::append_all(
                path,
                &self.issuer.cert,
                self.issuer.key.as_ref(),
                events,
                (self.clock)(),
            )?;
            for note in appended.notes {
                sink.note(note);
            }
        }
        sink.hand_out(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::cfssl::config::Config;
    use crate::cfssl::request::CertRequest;
    use crate::keys::{KeyAlgorithm, PrivateKey};
    use crate::x509::certificate::Certificate;

    fn issuer() -> Issuer {
        let key = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let cert = crate::issue::tests::self_signed_root(&key);
        Issuer::new(cert, "ca.pem", key, "ca-key.pem").unwrap()
    }

    fn request(json: &str) -> CertificateRequest {
        let (req, _) = CertRequest::from_json(json.as_bytes(), "csr.json").unwrap();
        let key = PrivateKey::generate(req.key).unwrap();
        CertificateRequest::made_for(&req, &key).unwrap()
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    /// The event a worker makes is the one `ledger::issued` reads from the
    /// certificate: SANs of every kind, repeated or dropped by the profile's
    /// CSR whitelist, an empty subject, a clamped validity.
    #[test]
    fn the_event_made_from_the_decisions_is_the_one_read_from_the_certificate() {
        let issuer = issuer();
        let mut profile = Config::builtin().default;
        profile.name = "www".into();
        let only_dns = crate::cfssl::profile::CsrWhitelist {
            subject: false,
            dns_names: true,
            ip_addresses: false,
            email_addresses: false,
            uris: false,
        };
        for json in [
            r#"{"CN":"a.example","hosts":["a.example","10.0.0.1","::ffff:10.1.2.3","fd00::1","m@a.example","https://a.example/x","a.example"]}"#,
            r#"{"hosts":["b.example"]}"#,
            r#"{"CN":"Ünïcode, \"quoted\"","names":[{"O":"O+=,<>#;","C":"DE"}]}"#,
        ] {
            for (expiry, whitelist) in [(3600, None), (1_000_000_000, None), (3600, Some(only_dns))]
            {
                profile.expiry = Some(std::time::Duration::from_secs(expiry));
                profile.csr_whitelist = whitelist;
                if whitelist.is_some() && !json.contains("hosts") {
                    continue;
                }
                let batch = Batch {
                    issuer: &issuer,
                    profile: &profile,
                    options: &Options::default(),
                    ledger: None,
                    clock: &now,
                    workers: 1,
                };
                let signed = batch.sign(&request(json)).unwrap();
                let cert = Certificate::from_der(signed.der.clone(), "t").unwrap();
                assert_eq!(signed.event, ledger::issued(&cert, "www"), "{json}");
            }
        }
    }

    struct Inputs(std::ops::Range<u64>);

    impl Feed for Inputs {
        type Input = u64;
        fn next(&mut self) -> Option<u64> {
            self.0.next()
        }
    }

    /// A sink that keeps what it was given, and stops at a refusal when
    /// told to.
    #[derive(Default)]
    struct Kept {
        handed: Vec<Vec<u64>>,
        refused: Vec<String>,
        keep_going: bool,
    }

    impl Sink<u64> for Kept {
        fn admit(&mut self, item: &u64) -> Result<()> {
            if item % 1000 == 999 {
                return Err(Error::EmptyIdentity.within(&format!("admit {item}")));
            }
            Ok(())
        }
        fn hand_out(&mut self, items: Vec<u64>) -> Result<Flow> {
            self.handed.push(items);
            Ok(Flow::Continue)
        }
        fn refused(&mut self, error: Error) -> Flow {
            self.refused.push(error.to_string());
            if self.keep_going {
                Flow::Continue
            } else {
                Flow::Stop
            }
        }
        fn note(&mut self, _: Note) {}
    }

    fn event() -> Event {
        Event::Revoked {
            serial: "01".into(),
            reason: crate::x509::crl::Reason::Unspecified,
            revoked_at: now(),
        }
    }

    /// Results come out in input order, in chunks of at most CHUNK, however
    /// the workers finish; a refusal comes after everything before it, and
    /// stops the batch unless the sink goes on.
    #[test]
    fn results_come_out_in_input_order_and_a_refusal_stops_after_what_came_before() {
        let issuer = issuer();
        let profile = Config::builtin().default;
        let batch = Batch {
            issuer: &issuer,
            profile: &profile,
            options: &Options::default(),
            ledger: None,
            clock: &now,
            workers: 4,
        };
        let work = |n: u64| {
            // Uneven work, so that batches finish out of order.
            if n.is_multiple_of(7) {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            if n % 1000 == 500 {
                return Err(Error::EmptyIdentity.within(&format!("work {n}")));
            }
            Ok((event(), n))
        };
        for keep_going in [true, false] {
            let mut sink = Kept {
                keep_going,
                ..Kept::default()
            };
            batch.run(Inputs(0..5000), work, &mut sink).unwrap();
            assert!(
                sink.handed
                    .iter()
                    .all(|c| !c.is_empty() && c.len() <= CHUNK)
            );
            let handed: Vec<u64> = sink.handed.concat();
            if keep_going {
                let expected: Vec<u64> = (0..5000)
                    .filter(|n| n % 1000 != 500 && n % 1000 != 999)
                    .collect();
                assert_eq!(handed, expected);
                assert_eq!(sink.refused.len(), 10);
                assert!(
                    sink.refused[0].starts_with("work 500: "),
                    "{:?}",
                    sink.refused
                );
                assert!(
                    sink.refused[1].starts_with("admit 999: "),
                    "{:?}",
                    sink.refused
                );
            } else {
                assert_eq!(handed, (0..500).collect::<Vec<u64>>());
                assert_eq!(sink.refused.len(), 1);
            }
        }
    }
}
