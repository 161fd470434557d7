//! ActionTrail events: reading every file format (streaming, gzip or not), a columnar store with
//! interned strings, and the queries the explorer shows.

pub mod export;
pub mod extract;
pub mod fuzzing;
pub mod gen;
pub mod gzip;
pub mod load;
pub mod parse;
pub mod protocol;
pub mod query;
pub mod scan;
pub mod share;
pub mod split;
pub mod store;
