// Helpers of the reliability tests (damage, many small writes, full disks,
// backups): a temporary directory, small graphs written through
// transactions or the importer, byte flips and file listings.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/mount.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/import.h"
#include "storage/store.h"

namespace kg::storage::testing {

namespace fs = std::filesystem;

class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "kg-rel-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// Adds `n` companies named <prefix>0.. in one transaction.
inline void AddCompanies(Store& store, const std::string& prefix, int n) {
  auto t = store.BeginWrite().value();
  for (int i = 0; i < n; ++i)
    ASSERT_TRUE(t->CreateEntity({"Company"}, {{"name", prefix + std::to_string(i)}}).ok());
  ASSERT_TRUE(t->Commit().ok());
}

// Writes nodes.csv and edges.csv with `n` companies and a chain of
// COMPETES_WITH relations into `dir`.
inline ImportOptions WriteCsv(const fs::path& dir, int n) {
  fs::create_directories(dir);
  std::ofstream nodes(dir / "nodes.csv"), edges(dir / "edges.csv");
  nodes << "id:ID,:LABEL,name\n";
  edges << ":START_ID,:END_ID,:TYPE\n";
  for (int i = 0; i < n; ++i) {
    nodes << i << ",Company,C" << i << "\n";
    if (i > 0) edges << i - 1 << "," << i << ",COMPETES_WITH\n";
  }
  ImportOptions o;
  o.node_files = {(dir / "nodes.csv").string()};
  o.edge_files = {(dir / "edges.csv").string()};
  return o;
}

// Creates a database at `db` holding an import of `n` companies.
inline void MakeImported(const std::string& db, const fs::path& csv_dir, int n) {
  ASSERT_TRUE(Store::Create(db, schema::Ontology::Builtin()).ok());
  auto store = Store::Open(db, {});
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto s = ImportCsv(**store, WriteCsv(csv_dir, n));
  ASSERT_TRUE(s.ok()) << s.status().message();
}

// Files of `dir` whose names end in `suffix`, sorted.
inline std::vector<fs::path> FilesEnding(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().ends_with(suffix)) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Flips every bit of the byte at `offset` of `file`.
inline void FlipByte(const fs::path& file, uint64_t offset) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(~c));
}

// Entities and relations a read-only open sees, or the open's error.
struct Seen {
  Status status;
  uint64_t entities = 0;
  uint64_t relations = 0;
};

inline Seen Look(const std::string& db, bool read_only) {
  OpenOptions o;
  o.read_only = read_only;
  auto store = Store::Open(db, o);
  if (!store.ok()) return {store.status()};
  Seen seen;
  auto t = (*store)->BeginRead();
  seen.status = t->ScanEntities("", [&](EntityId) {
    ++seen.entities;
    return true;
  });
  if (!seen.status.ok()) return seen;
  seen.status = t->ScanEdges("", [&](const EdgeTriple&) {
    ++seen.relations;
    return true;
  });
  return seen;
}

// A small tmpfs mounted at a fresh directory; `reason` says why not when
// mounting is not allowed (not root, no CAP_SYS_ADMIN, ...).
class SmallDisk {
 public:
  explicit SmallDisk(const fs::path& at, const std::string& size) : at_(at) {
    fs::create_directories(at_);
    std::string opts = "size=" + size;
    if (::mount("tmpfs", at_.c_str(), "tmpfs", 0, opts.c_str()) == 0) {
      mounted_ = true;
    } else {
      reason_ = std::string("cannot mount a tmpfs here (") + std::strerror(errno) +
                "); run as root with CAP_SYS_ADMIN to test full disks";
    }
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(at_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& reason() const { return reason_; }
  const fs::path& path() const { return at_; }

 private:
  fs::path at_;
  bool mounted_ = false;
  std::string reason_;
};

// Fills the file system of `dir` with one file until a write fails.
inline void FillDisk(const fs::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (f == nullptr) return;
  std::string block(4096, 'x');
  while (std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
  }
  std::fclose(f);
}

}  // namespace kg::storage::testing
