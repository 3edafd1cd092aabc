// The database's info log (the LOG file in its directory), written so that
// a full disk never stops kg.
#pragma once

#include <rocksdb/env.h>

#include <memory>
#include <string>

namespace kg::storage::internal {

// RocksDB's own file logger keeps writing after a failed append and then
// aborts in an assertion (Debian's 7.8 is built with them on): on a full
// disk the next open of the database died before it could report "no space
// left". This logger writes the same lines to `dir`/LOG with plain stdio
// (buffered: RocksDB logs some 800 lines of options at every open; flushed
// when RocksDB asks and at close) and, after the first failed write, drops
// the rest: the info log is a diagnostic,
// never a reason to fail. At open a LOG over 1 MiB becomes LOG.old (replacing
// the previous one), so two files bound its size.
std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::string& dir);

// A logger that drops every line: for read-only opens, whose log would go to
// a private directory removed at close (writing it cost a trivial CLI query
// a fifth of its time).
std::shared_ptr<rocksdb::Logger> NullInfoLog();

}  // namespace kg::storage::internal
