// Rendering into files: empty input writes nothing, the bytes written are
// the rendering's with no temporary file left, unwritable paths are IO
// errors that leave nothing, and WriteFileAtomically keeps symlinks, FIFOs
// and modes and refuses directories.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/viz/sample_graph.h"
#include "viz/render.h"

namespace kg::viz {
namespace {

using testing::SampleGraph;

namespace fs = std::filesystem;

RenderOptions Options(Format format) { return testing::SampleOptions(format); }

// A fresh empty directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kg-viz-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path path_;
};

TEST(RenderTest, EmptySubgraphIsAnErrorAndWritesNothing) {
  Result<Rendering> r = Render(Subgraph{}, Options(Format::kSvg));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("nothing to draw"), std::string::npos);

  TempDir dir;
  Result<Rendering> w = RenderToFile(Subgraph{}, Options(Format::kSvg), dir.path() / "x.svg");
  EXPECT_FALSE(w.ok());
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(RenderTest, RenderToFileWritesTheBytesAndLeavesNoTemporaryFile) {
  TempDir dir;
  fs::path out = dir.path() / "graph.svg";
  { std::ofstream(out) << "old content"; }
  Result<Rendering> r = RenderToFile(SampleGraph(), Options(Format::kSvg), out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::ifstream in(out, std::ios::binary);
  std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(written, r->data);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"graph.svg"});
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(RenderTest, UnwritablePathIsAnIOErrorAndLeavesNothing) {
  TempDir dir;
  fs::path missing = dir.path() / "no-such-dir" / "x.svg";
  Result<Rendering> r = RenderToFile(SampleGraph(), Options(Format::kSvg), missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find(missing.string()), std::string::npos);

  fs::path file = dir.path() / "plain-file";
  { std::ofstream(file) << "x"; }
  r = RenderToFile(SampleGraph(), Options(Format::kSvg), file / "x.svg");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);

  fs::path directory = dir.path() / "a-directory";
  fs::create_directory(directory);
  r = RenderToFile(SampleGraph(), Options(Format::kSvg), directory);
  ASSERT_FALSE(r.ok()) << "renaming over a directory must fail";
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"a-directory", "plain-file"}));
  EXPECT_TRUE(fs::is_empty(directory));
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(WriteFileTest, ASymlinkIsFollowedAndKept) {
  TempDir dir;
  fs::create_directory(dir.path() / "real");
  fs::path target = dir.path() / "real" / "target.svg";
  { std::ofstream(target) << "old"; }
  fs::path link = dir.path() / "link.svg";
  fs::create_symlink("real/target.svg", link);  // relative to the link's directory
  ASSERT_TRUE(WriteFileAtomically(link, "new bytes").ok());
  EXPECT_TRUE(fs::is_symlink(link)) << "the link must stay a link";
  EXPECT_EQ(fs::read_symlink(link), "real/target.svg");
  EXPECT_EQ(ReadFile(target), "new bytes");
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"link.svg", "real"}));
  std::vector<std::string> real;
  for (const auto& e : fs::directory_iterator(dir.path() / "real"))
    real.push_back(e.path().filename());
  EXPECT_EQ(real, std::vector<std::string>{"target.svg"}) << "no temporary file left";

  // A dangling link: its target is created, the link stays.
  fs::path dangling = dir.path() / "dangling.svg";
  fs::create_symlink(dir.path() / "real" / "created.svg", dangling);
  ASSERT_TRUE(WriteFileAtomically(dangling, "created").ok());
  EXPECT_TRUE(fs::is_symlink(dangling));
  EXPECT_EQ(ReadFile(dir.path() / "real" / "created.svg"), "created");

  // A link to a directory is refused like the directory.
  fs::create_symlink("real", dir.path() / "dirlink");
  Status st = WriteFileAtomically(dir.path() / "dirlink", "x");
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("is a directory"), std::string::npos) << st.message();
  EXPECT_TRUE(fs::is_symlink(dir.path() / "dirlink"));
}

TEST(WriteFileTest, AFifoIsWrittenIntoNotReplaced) {
  TempDir dir;
  fs::path fifo = dir.path() / "pipe.svg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = ReadFile(fifo); });  // blocks until the writer opens
  Result<Rendering> r = RenderToFile(SampleGraph(), Options(Format::kSvg), fifo);
  reader.join();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(received, r->data);
  EXPECT_TRUE(fs::is_fifo(fifo)) << "the FIFO must not be replaced by a regular file";
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"pipe.svg"});
}

TEST(WriteFileTest, AReplacedFileKeepsItsMode) {
  TempDir dir;
  fs::path out = dir.path() / "private.svg";
  { std::ofstream(out) << "old"; }
  ASSERT_EQ(::chmod(out.c_str(), 0600), 0);
  ASSERT_TRUE(WriteFileAtomically(out, "secret diagram").ok());
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(ReadFile(out), "secret diagram");

  ASSERT_EQ(::chmod(out.c_str(), 0640), 0);
  ASSERT_TRUE(WriteFileAtomically(out, "again").ok());
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(WriteFileTest, ADirectoryIsRefused) {
  TempDir dir;
  Status st = WriteFileAtomically(dir.path(), "x");
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("cannot write '" + dir.path().string() + "': it is a directory"),
            std::string::npos)
      << st.message();
  EXPECT_TRUE(dir.Entries().empty());
}

}  // namespace
}  // namespace kg::viz
