// The RocksDB options of a kg database (per family) and the mapping of
// RocksDB's statuses to kg's (store_impl.h).
#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <string>

#include "storage/internal/keys.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {

namespace {
// A writer's table cache (max_open_files); see MakeDbOptions.
constexpr int kMaxOpenFiles = 256;
// The data block sizes of the adjacency and relations families; see MakeCfOptions.
constexpr size_t kAdjacencyBlockSize = 16 * 1024;
constexpr size_t kRelationsBlockSize = 16 * 1024;
}  // namespace

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  std::string msg = std::string(context) + ": " + s.ToString();
  if (s.IsNoSpace() || msg.find("No space left on device") != std::string::npos)
    return Status::IOError(std::string(context) + ": no space left on device (" + s.ToString() +
                           ")");
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsNotSupported()) return Status::NotSupported(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  return Status::IOError(msg);
}

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions o;
  // No IncreaseParallelism here: it starts Env::Default()'s background
  // threads at once, which only a writer needs (OpenDb calls it for one); a
  // read-only `kg query` process would start and join three threads for
  // nothing (W7, bench/RESULTS.md).
  o.keep_log_file_num = 2;
  o.max_manifest_file_size = 64 << 20;
  // Table files are opened when the database opens; 16 threads (RocksDB's
  // default) for a handful of files on 2 cores cost more to start than they save.
  o.max_file_opening_threads = 2;
  // Damage is reported, never read as truth (docs/storage.md, "Damage"):
  // paranoid checks (RocksDB's default, stated) verify every live table
  // file's size at open and stop writes after a background error. The WAL is
  // replayed strictly: a record that fails its checksum anywhere fails the
  // open with Corruption. Only a record cut short at the very end of the last
  // log is dropped, which is what a process killed (or a machine losing
  // power) while writing it leaves; such a commit never returned, since
  // every commit is synced before it is acknowledged. (kAbsoluteConsistency
  // would refuse that too, so a crash could leave a database that no longer
  // opens; kPointInTimeRecovery, RocksDB's default, silently stopped at the
  // first damaged record and dropped acknowledged commits after it.)
  o.paranoid_checks = true;
  o.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  // A bounded table cache: a writer keeps at most this many table files open
  // (read-only opens need all: RocksDB secondaries require -1; the file count
  // itself stays bounded by compaction, see CompactLevel0IfDue).
  o.max_open_files = kMaxOpenFiles;
  // No preallocation. RocksDB reserves about 1.1 memtables (70 MiB) for
  // every new log and 4 MiB for every new MANIFEST, and a writable open
  // starts one of each: on tmpfs that memory is really allocated and zeroed,
  // and on every file system the unused rest is cut off again at close, which
  // made each short session (a CLI write, a test's database) pay for space it
  // never used. Appends extend the files as they go instead.
  o.allow_fallocate = false;
  return o;
}

rocksdb::ColumnFamilyOptions MakeCfOptions(int cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  // Bloom filters only where a lookup can miss: the meta family's point reads
  // and the adjacency families' per-node prefix seeks (prefixes only, not
  // whole keys: a 10x smaller filter). Records are read by ids that exist,
  // and names and labels by seeks without a prefix extractor, where a filter
  // is never consulted; their filters only cost memory and cold-open reads
  // (~4 MB of kggen M's ~5 MB of filters).
  if (cf == kCfMeta || cf == kCfOut || cf == kCfIn)
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  if (cf == kCfOut || cf == kCfIn) t.whole_key_filtering = false;
  // Index and filter blocks stay in each table reader (RocksDB's default),
  // read once when the database opens. Partitioned ones behind the block
  // cache were measured too: the cold open of kggen M went from ~35 to
  // ~27 ms, but every warm point read paid a cache lookup for its index
  // partition and W2 (1,000 one-hop queries) went from ~55 to ~78 ms.
  if (cf == kCfRelations) {
    // A two-level index: every open (a read-only one opens every table file)
    // reads only the top level, a few KB, and the 4 KB partitions a lookup
    // needs come through the block cache. The one-level index of kggen L's
    // relations was 3.6 MB of ZSTD (7.4 MB unpacked), read, checksummed and
    // unpacked at each open: a third of a cold start's table reads and half
    // its CPU (bench/RESULTS.md, "W6 at size L"), for a family the
    // traversals never read (relation records are read only for a
    // relation's properties).
    // The other families keep their one-level indexes in the table readers:
    // their point reads and prefix seeks are on every query's path, and the
    // lookups are cheaper without a block cache visit per partition (above).
    // Files written before keep their one-level index and read as before.
    t.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
    // 16 KB blocks: a quarter of the index entries, and blocks that pack
    // tighter (under ZSTD, which built its entropy tables once per block,
    // 4 KB blocks were a third of the compression's CPU, kggen M's import
    // 1.25 -> 1.0 s, and its relations 31.8 -> 24.7 MB).
    t.block_size = kRelationsBlockSize;
  }
  if (cf == kCfOut || cf == kCfIn) {
    // 16 KB blocks: a quarter of the index entries of RocksDB's 4 KB, and an
    // open reads every table file's index. On kggen L that is 0.4 MB instead
    // of 1.7 MB per family and 4 MB less on disk; a node's edges still sit
    // in one block, and W2/W5 without the topology copy (a prefix seek per
    // node) measured no slower. A two-level index and partitioned filters
    // here cut the cold open further but made those seeks 10-30% slower
    // (a block cache visit per partition): bench/RESULTS.md, "W6 at size L".
    t.block_size = kAdjacencyBlockSize;
  }
  if (cf == kCfEntities || cf == kCfRelations) {
    // Records are read by point lookups: a hash index in each data block
    // finds the key without a binary search over the block's restarts.
    t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  }
  if (cf == kCfOut || cf == kCfIn) {
    // One prefix scan per node: bloom on the node id prefix. (No memtable
    // prefix bloom: it is allocated and zeroed, 3 MB per family, whenever a
    // memtable is made, which was a fifth of a cold open's time.)
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(8));
  }
  if (cf == kCfOut || cf == kCfIn || cf == kCfNames || cf == kCfLabels) {
    // Keys only, already prefix-delta encoded in each block: compression
    // buys little and costs import time.
    o.compression = rocksdb::kNoCompression;
  } else if (cf == kCfRelations) {
    // Relation records, packed (packed_record.h): LZ4. On flat records ZSTD
    // was needed to bring the database under SQLite's size (kggen M's
    // relations 32 MB against LZ4's 51 MB), and compressing them was over
    // half of the import's writer thread, which with the reading thread
    // bounds the edge file's time. Packed, they are 61 MB instead of 133,
    // and LZ4 takes them to 29.6 MB (ZSTD's fast level -2: 25.0 MB) in half
    // ZSTD's time: kggen M's import 544 -> 509 ms (medians of 15,
    // alternating), the database 82.9 MiB against SQLite's 88 MiB
    // (bench/RESULTS.md, "W1 with packed relation records"). Queries read
    // them only for a relation's properties; traversals run on the
    // adjacency families and the topology copy.
    o.compression = rocksdb::kLZ4Compression;
  } else {
    // Entity records are read on every row that returns a node (W2 reads a
    // thousand neighbours' names): LZ4 decompresses faster than ZSTD, which
    // measured W2 1.3-1.7x slower for 1.3 MB saved on kggen M.
    o.compression = rocksdb::kLZ4Compression;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

Result<uint64_t> ParseU64(std::string_view value, std::string_view key) {
  if (value.size() != 8)
    return Status::Corruption("meta '" + std::string(key) + "' has " +
                              std::to_string(value.size()) + " bytes, expected 8");
  return ReadU64(value.data());
}

}  // namespace kg::storage::internal
