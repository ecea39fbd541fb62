//! The postings lists, as SQLite keeps them: for each word key, the ids of the units holding it,
//! ascending, in blocks of at most [`BLOCK`] ids, each block one row whose `ids` blob is the
//! differences between successive ids as LEB128 varints (the first difference is from 0).
//!
//! A query reads a key's list as a few rows (a word held by 20,000 units is 5 rows of about
//! 10 KB, not 20,000 rows); an import appends the new ids of each key once per chunk of new
//! units ([`INDEX_CHUNK`]), filling the key's last block before it starts another.
use crate::text::keys::text_keys;
use crate::text::Lang;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// The most ids one block holds.
pub const BLOCK: usize = 4096;

/// Append `ids` (ascending, each greater than any id already in `out`'s block) to a block blob.
fn encode(ids: &[i64], mut last: i64, out: &mut Vec<u8>) {
    for &id in ids {
        let mut d = (id - last) as u64;
        last = id;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
    }
}

/// The ids of a block blob, appended to `out`; returns the last one (0 for an empty blob).
fn decode(blob: &[u8], out: &mut Vec<i64>) -> i64 {
    let (mut last, mut d, mut shift) = (0i64, 0u64, 0u32);
    for &b in blob {
        d |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            last += d as i64;
            out.push(last);
            d = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
    last
}

/// Add new units' ids to the lists of their keys (inside the caller's transaction). `new` maps
/// each key to ids greater than any id its list already holds, ascending.
pub fn append(conn: &Connection, new: &BTreeMap<String, Vec<i64>>) -> rusqlite::Result<()> {
    let mut last_block = conn.prepare_cached(
        "SELECT block, n, ids FROM postings WHERE key = ?1 ORDER BY block DESC LIMIT 1",
    )?;
    let mut put = conn.prepare_cached(
        "INSERT OR REPLACE INTO postings (key, block, n, ids) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut df = conn.prepare_cached(
        "INSERT INTO index_keys (key, df) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET df = df + excluded.df",
    )?;
    for (key, ids) in new {
        if ids.is_empty() {
            continue;
        }
        let last: Option<(i64, usize, Vec<u8>)> = last_block
            .query_row([key], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize, r.get(2)?))
            })
            .optional()?;
        // the last block, if it has room, is rewritten with the first new ids
        let (mut block, mut n, mut blob, mut prev) = match last {
            Some((b, n, blob)) if n < BLOCK => {
                let prev = decode(&blob, &mut Vec::with_capacity(n));
                if ids[0] <= prev {
                    // ids below the list's last (never from an import): merge them in
                    let mut all = read(conn, key)?;
                    all.extend(ids);
                    rewrite(conn, key, all)?;
                    df.execute(params![key, ids.len() as i64])?;
                    continue;
                }
                (b, n, blob, prev)
            }
            Some((b, _, _)) => (b + 1, 0, Vec::new(), 0),
            None => (0, 0, Vec::new(), 0),
        };
        for chunk in std::iter::once(&ids[..(BLOCK - n).min(ids.len())])
            .chain(ids[(BLOCK - n).min(ids.len())..].chunks(BLOCK))
        {
            if chunk.is_empty() {
                continue;
            }
            encode(chunk, prev, &mut blob);
            prev = 0;
            put.execute(params![key, block, (n + chunk.len()) as i64, blob])?;
            block += 1;
            n = 0;
            blob.clear();
        }
        df.execute(params![key, ids.len() as i64])?;
    }
    Ok(())
}

/// Replace the list of `key` with `ids` (any order; duplicates dropped), in blocks. `df` is
/// the caller's to keep.
fn rewrite(conn: &Connection, key: &str, mut ids: Vec<i64>) -> rusqlite::Result<()> {
    ids.sort_unstable();
    ids.dedup();
    conn.prepare_cached("DELETE FROM postings WHERE key = ?1")?
        .execute([key])?;
    let mut put =
        conn.prepare_cached("INSERT INTO postings (key, block, n, ids) VALUES (?1, ?2, ?3, ?4)")?;
    for (block, chunk) in ids.chunks(BLOCK).enumerate() {
        let mut blob = Vec::new();
        encode(chunk, 0, &mut blob);
        put.execute(params![key, block as i64, chunk.len() as i64, blob])?;
    }
    Ok(())
}

/// Take units (`(id, en, ru)`, as stored) out of the postings of their keys, inside the
/// caller's transaction (before the units are deleted). Only the blocks holding them are
/// rewritten, so a frequent word's long list costs a read, not a rewrite.
pub fn remove(conn: &Connection, units: &[(i64, String, String)]) -> rusqlite::Result<()> {
    let mut gone: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (id, en, ru) in units {
        for key in text_keys(en, Lang::En)
            .into_iter()
            .chain(text_keys(ru, Lang::Ru))
        {
            gone.entry(key).or_default().push(*id);
        }
    }
    let mut blocks = conn.prepare_cached("SELECT block, ids FROM postings WHERE key = ?1")?;
    let mut put =
        conn.prepare_cached("UPDATE postings SET n = ?3, ids = ?4 WHERE key = ?1 AND block = ?2")?;
    let mut drop = conn.prepare_cached("DELETE FROM postings WHERE key = ?1 AND block = ?2")?;
    let mut df = conn.prepare_cached("UPDATE index_keys SET df = df - ?2 WHERE key = ?1")?;
    let mut unused = conn.prepare_cached("DELETE FROM index_keys WHERE key = ?1 AND df <= 0")?;
    for (key, mut ids) in gone {
        ids.sort_unstable();
        let rows: Vec<(i64, Vec<u8>)> = blocks
            .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut removed = 0;
        for (block, blob) in rows {
            let mut list = Vec::new();
            decode(&blob, &mut list);
            let before = list.len();
            list.retain(|id| ids.binary_search(id).is_err());
            if list.len() == before {
                continue;
            }
            removed += before - list.len();
            if list.is_empty() {
                drop.execute(params![key, block])?;
            } else {
                let mut out = Vec::new();
                encode(&list, 0, &mut out);
                put.execute(params![key, block, list.len() as i64, out])?;
            }
        }
        df.execute(params![key, removed as i64])?;
        unused.execute([&key])?;
    }
    Ok(())
}

/// The ids of the units holding `key`, ascending.
pub fn read(conn: &Connection, key: &str) -> rusqlite::Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT ids FROM postings WHERE key = ?1 ORDER BY block")?;
    let mut rows = st.query([key])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        decode(r.get_ref(0)?.as_blob()?, &mut out);
    }
    Ok(out)
}

/// Add new units (`(id, en, ru)`, ids ascending and greater than any indexed before) to the
/// postings, inside the caller's transaction.
pub fn index_units(conn: &Connection, units: &[(i64, String, String)]) -> rusqlite::Result<()> {
    let mut new: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (id, en, ru) in units {
        for key in text_keys(en, Lang::En)
            .into_iter()
            .chain(text_keys(ru, Lang::Ru))
        {
            new.entry(key).or_default().push(*id);
        }
    }
    append(conn, &new)
}

/// New units are indexed this many at a time at most (bounding the memory an import of a large
/// file takes; each key's list is appended to once per chunk).
pub const INDEX_CHUNK: usize = 100_000;

/// Index every unit of a workspace (the migration to schema version 4, whose postings are
/// kept in blocks), [`INDEX_CHUNK`] units at a time.
pub fn backfill(conn: &Connection) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, String)> = {
        let mut st = conn.prepare("SELECT id, en, ru FROM units ORDER BY id")?;
        let r = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        r
    };
    for chunk in rows.chunks(INDEX_CHUNK) {
        index_units(conn, chunk)?;
    }
    Ok(())
}

/// How many units hold `key` (0 when none).
pub fn df(conn: &Connection, key: &str) -> rusqlite::Result<i64> {
    Ok(conn
        .prepare_cached("SELECT df FROM index_keys WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The units holding `key`, ascending.
pub fn postings(conn: &Connection, key: &str) -> rusqlite::Result<Vec<i64>> {
    read(conn, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE postings (key TEXT NOT NULL, block INTEGER NOT NULL, n INTEGER NOT NULL, \
             ids BLOB NOT NULL, PRIMARY KEY (key, block));
             CREATE TABLE index_keys (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;",
        )
        .unwrap();
        conn
    }

    #[test]
    fn removed_units_leave_their_lists_and_ids_may_come_back() {
        let conn = tables();
        let units: Vec<(i64, String, String)> = (1..=3)
            .map(|i| (i, format!("joint plan {i}"), "совместный план".to_string()))
            .collect();
        index_units(&conn, &units).unwrap();
        remove(&conn, &units[1..]).unwrap();
        assert_eq!(read(&conn, "e:plan").unwrap(), vec![1]);
        assert_eq!(super::df(&conn, "e:plan").unwrap(), 1);
        assert_eq!(super::df(&conn, "e:3").unwrap(), 0);
        // SQLite gives a deleted largest id again: the list takes it in order
        index_units(&conn, &[(2, "plan".into(), "план".into())]).unwrap();
        assert_eq!(read(&conn, "e:plan").unwrap(), vec![1, 2]);
        remove(&conn, &units[..1]).unwrap();
        index_units(&conn, &[(1, "plan".into(), "план".into())]).unwrap();
        assert_eq!(read(&conn, "e:plan").unwrap(), vec![1, 2]);
        assert_eq!(super::df(&conn, "e:plan").unwrap(), 2);
    }

    #[test]
    fn lists_grow_across_blocks() {
        let conn = tables();
        let mut all: Vec<i64> = Vec::new();
        let mut next = 1;
        // three appends: a few ids, enough to spill into a second and third block, one more
        for n in [3, BLOCK * 2, 1] {
            let ids: Vec<i64> = (0..n as i64).map(|i| next + i * 300).collect();
            next = ids.last().unwrap() + 1;
            all.extend(&ids);
            let new = BTreeMap::from([("e:plan".to_string(), ids)]);
            append(&conn, &new).unwrap();
        }
        assert_eq!(read(&conn, "e:plan").unwrap(), all);
        let blocks: i64 = conn
            .query_row("SELECT count(*) FROM postings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(blocks, 3);
        assert_eq!(super::df(&conn, "e:plan").unwrap(), all.len() as i64);
        assert!(read(&conn, "e:none").unwrap().is_empty());
    }
}
