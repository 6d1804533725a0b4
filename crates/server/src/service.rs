//! One listening port, run the way Postfix's master(8) runs a `master.cf` service: a
//! process limit, stress mode, and anvil's count of each client's connections.
//!
//! - **The process limit** (`--max-connections`, Postfix's `default_process_limit` of 100).
//!   At the limit, master stops watching the listen socket (`master_avail_listen()` in
//!   `master/master_avail.c`), so new clients wait in the kernel's listen queue: connected,
//!   not yet greeted, until a slot frees. Nobody is refused for it, and neither are we.
//! - **Stress mode.** When a connection takes the last free slot, master starts smtpd with
//!   `-o stress=yes`, and keeps doing so until 1000 s after the last time that happened
//!   (`master_avail_event()`, `stress_expire_time`). Under stress, the defaults written
//!   `${stress?{..}:{..}}` in `global/mail_params.h` change: `smtpd_timeout` drops from
//!   300 s to 10 s (see [`smtplab_engine::world::Limits::under_stress`]), so idle clients
//!   cannot hold every slot for five minutes.
//! - **Anvil's count** (`smtpd_client_connection_count_limit`): how many connections each
//!   client address has open here; the engine answers the one past the limit with a 421.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// How long stress mode outlasts the last time every slot was taken (master_avail.c).
pub const STRESS_LINGER_MS: u64 = 1_000_000;

pub struct Service {
    /// The process limit; `usize::MAX` for none (`--max-connections 0`, as `maxproc` 0).
    max: usize,
    busy: Mutex<usize>,
    freed: Condvar,
    /// Postfix's `stress_expire_time`, in Unix milliseconds.
    stress_until: AtomicU64,
    clients: Mutex<HashMap<IpAddr, u32>>,
}

/// A connection being served. Dropping it frees its slot.
pub struct Slot {
    service: Arc<Service>,
    client: IpAddr,
    /// The client's open connections here, this one included (anvil's count).
    pub connections: u32,
    /// This connection took the last free slot and so began stress mode.
    pub began_stress: bool,
}

impl Service {
    pub fn new(max: usize) -> Arc<Service> {
        Arc::new(Service {
            max: if max == 0 { usize::MAX } else { max },
            busy: Mutex::new(0),
            freed: Condvar::new(),
            stress_until: AtomicU64::new(0),
            clients: Mutex::new(HashMap::new()),
        })
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// Is stress mode on at `now`?
    pub fn stressed(&self, now: u64) -> bool {
        now < self.stress_until.load(Ordering::SeqCst)
    }

    /// Blocks while every slot is busy: the caller must not accept a connection until then.
    pub fn wait_for_free_slot(&self) {
        let mut busy = lock(&self.busy);
        while *busy >= self.max {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Gives an accepted connection from `client` its slot (call after
    /// [`Service::wait_for_free_slot`], from the one thread that accepts).
    pub fn take(self: &Arc<Self>, client: IpAddr, now: u64) -> Slot {
        let mut busy = lock(&self.busy);
        *busy += 1;
        let mut began_stress = false;
        // master_ent.c: only a service with more than one process may be stressed.
        if *busy >= self.max && self.max > 1 {
            began_stress = !self.stressed(now);
            self.stress_until.store(now + STRESS_LINGER_MS, Ordering::SeqCst);
        }
        drop(busy);
        let mut clients = lock(&self.clients);
        let connections = clients.entry(client).or_insert(0);
        *connections += 1;
        Slot {
            service: self.clone(),
            client,
            connections: *connections,
            began_stress,
        }
    }
}

impl Slot {
    pub fn service(&self) -> &Service {
        &self.service
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut clients = lock(&self.service.clients);
        if let Some(n) = clients.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                clients.remove(&self.client);
            }
        }
        drop(clients);
        *lock(&self.service.busy) -= 1;
        self.service.freed.notify_one();
    }
}

/// A poisoned lock only means another connection's thread panicked; the counts stay right.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
