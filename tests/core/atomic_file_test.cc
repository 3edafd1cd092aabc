// AtomicFile: whole or nothing, links followed, modes kept, devices and
// FIFOs written in place, several files committed together.
#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kg {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "kg-atomic-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string P(const std::string& name) { return (dir_ / name).string(); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // No temporary file is left in the directory.
  void ExpectNoTemp() {
    for (const auto& e : fs::directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".kg-tmp-"), std::string::npos) << e.path();
  }
  fs::path dir_;
};

TEST_F(AtomicFileTest, NewFileIsWrittenWhole) {
  ASSERT_TRUE(WriteFileAtomically(P("a.txt"), "hello").ok());
  EXPECT_EQ(Read(P("a.txt")), "hello");
  EXPECT_EQ(fs::status(P("a.txt")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read);
  ExpectNoTemp();
}

TEST_F(AtomicFileTest, AbandonedFileLeavesTheOldOneUntouched) {
  ASSERT_TRUE(WriteFileAtomically(P("a.txt"), "old").ok());
  {
    auto f = AtomicFile::Open(P("a.txt"));
    ASSERT_TRUE(f.ok());
    (*f)->stream() << "new, half written";
    ASSERT_TRUE((*f)->Finish().ok());
  }  // no Commit
  EXPECT_EQ(Read(P("a.txt")), "old");
  ExpectNoTemp();
}

TEST_F(AtomicFileTest, ReplacedFileKeepsItsMode) {
  ASSERT_TRUE(WriteFileAtomically(P("a.txt"), "old").ok());
  fs::permissions(P("a.txt"), fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_TRUE(WriteFileAtomically(P("a.txt"), "new").ok());
  EXPECT_EQ(Read(P("a.txt")), "new");
  EXPECT_EQ(fs::status(P("a.txt")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(AtomicFileTest, SymlinkIsFollowedAndKept) {
  fs::create_directory(P("real"));
  ASSERT_TRUE(WriteFileAtomically(P("real/t.txt"), "old").ok());
  fs::create_symlink("real/t.txt", P("link"));
  ASSERT_TRUE(WriteFileAtomically(P("link"), "new").ok());
  EXPECT_TRUE(fs::is_symlink(P("link")));
  EXPECT_EQ(Read(P("real/t.txt")), "new");
  // A dangling link: its target is created.
  fs::create_symlink("real/made.txt", P("dangling"));
  ASSERT_TRUE(WriteFileAtomically(P("dangling"), "made").ok());
  EXPECT_EQ(Read(P("real/made.txt")), "made");
}

TEST_F(AtomicFileTest, DevicesAndFifosAreWrittenInPlace) {
  EXPECT_TRUE(WriteFileAtomically("/dev/null", "gone").ok());
  ASSERT_EQ(::mkfifo(P("fifo").c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = Read(P("fifo")); });
  ASSERT_TRUE(WriteFileAtomically(P("fifo"), "through").ok());
  reader.join();
  EXPECT_EQ(got, "through");
  EXPECT_TRUE(fs::is_fifo(P("fifo")));
}

TEST_F(AtomicFileTest, DirectoryAndMissingFolderAreIOErrorsNamingThePath) {
  fs::create_directory(P("d"));
  Status d = WriteFileAtomically(P("d"), "x");
  EXPECT_EQ(d.code(), StatusCode::kIOError);
  EXPECT_NE(d.message().find("it is a directory"), std::string::npos);
  Status m = WriteFileAtomically(P("missing/x"), "x");
  EXPECT_EQ(m.code(), StatusCode::kIOError);
  EXPECT_NE(m.message().find(P("missing/x")), std::string::npos) << m.message();
}

TEST_F(AtomicFileTest, CommitAllReplacesEveryFileOnlyWhenAllAreWritten) {
  ASSERT_TRUE(WriteFileAtomically(P("a"), "old a").ok());
  ASSERT_TRUE(WriteFileAtomically(P("b"), "old b").ok());
  auto a = AtomicFile::Open(P("a"));
  auto b = AtomicFile::Open(P("b"));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->Append("new a").ok());
  ASSERT_TRUE((*b)->Append("new b").ok());
  ASSERT_TRUE(CommitAll({a->get(), b->get()}).ok());
  EXPECT_EQ(Read(P("a")), "new a");
  EXPECT_EQ(Read(P("b")), "new b");
  ExpectNoTemp();
}

}  // namespace
}  // namespace kg
