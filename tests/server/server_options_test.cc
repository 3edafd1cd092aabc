// Start-up checks of kg serve: token files (server.h ReadTokenFile) and the
// options a server refuses to start with (internal/options.h).
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "gtest/gtest.h"
#include "server/internal/options.h"
#include "server/server.h"
#include "tests/server/server_test_util.h"

namespace kg::server {
namespace {

using testing::TempDir;

class TokenFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& content, mode_t mode = 0600) {
    std::string path = dir_.path() + "/token" + std::to_string(++n_);
    std::ofstream(path, std::ios::binary) << content;
    chmod(path.c_str(), mode);
    return path;
  }
  void ExpectRefused(const std::string& path, const std::string& why) {
    auto token = ReadTokenFile(path);
    ASSERT_FALSE(token.ok()) << "accepted: " << *token;
    EXPECT_EQ(token.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(token.status().message().find(why), std::string::npos) << token.status().message();
    EXPECT_NE(token.status().message().find(path), std::string::npos) << "names the file";
  }
  TempDir dir_;
  int n_ = 0;
};

TEST_F(TokenFileTest, OneLineWithOrWithoutTrailingNewline) {
  EXPECT_EQ(*ReadTokenFile(Write("s3cret")), "s3cret");
  EXPECT_EQ(*ReadTokenFile(Write("s3cret\n")), "s3cret");
  EXPECT_EQ(*ReadTokenFile(Write("s3cret\r\n")), "s3cret");
  EXPECT_EQ(*ReadTokenFile(Write("s3cret\n", 0400)), "s3cret");
}

TEST_F(TokenFileTest, RefusesFilesOthersCanAccess) {
  ExpectRefused(Write("s3cret\n", 0644), "chmod 600");
  ExpectRefused(Write("s3cret\n", 0640), "chmod 600");
  ExpectRefused(Write("s3cret\n", 0604), "chmod 600");
  ExpectRefused(Write("s3cret\n", 0620), "chmod 600");
}

TEST_F(TokenFileTest, RefusesSymlinksAndNonFiles) {
  std::string target = Write("s3cret\n");
  std::string link = dir_.path() + "/link";
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  ExpectRefused(link, "symbolic link");
  ExpectRefused(dir_.path(), "not a regular file");
  EXPECT_EQ(ReadTokenFile(dir_.path() + "/missing").status().code(), StatusCode::kIOError);
}

TEST_F(TokenFileTest, RefusesEmptyMultiLineAndPaddedTokens) {
  ExpectRefused(Write(""), "empty");
  ExpectRefused(Write("\n"), "empty");
  ExpectRefused(Write("s3cret\nother\n"), "more than one line");
  ExpectRefused(Write("s3cret\n\n"), "more than one line");
  ExpectRefused(Write("s3\rcret"), "more than one line");
  ExpectRefused(Write(" s3cret\n"), "whitespace");
  ExpectRefused(Write("s3cret \n"), "whitespace");
  ExpectRefused(Write(std::string("s3\0cret", 7)), "control character");
  ExpectRefused(Write(std::string(5000, 'a')), "4 KiB");
}

ServerOptions Loopback() {
  ServerOptions o;
  o.db = "/nonexistent";
  o.http_address = "127.0.0.1:0";
  o.rpc_address = "127.0.0.1:0";
  return o;
}

void ExpectBadOption(const ServerOptions& o, const std::string& flag) {
  auto resolved = internal::ResolveOptions(o);
  ASSERT_FALSE(resolved.ok()) << flag;
  EXPECT_EQ(resolved.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(resolved.status().message().find(flag), std::string::npos)
      << resolved.status().message();
  // Server::Start checks before it opens the (here missing) database.
  auto started = Server::Start(o);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kInvalidArgument) << started.status().ToString();
}

TEST(ServerOptionsTest, RefusesUselessLimits) {
  ServerOptions o = Loopback();
  o.limits.max_body_bytes = 0;
  ExpectBadOption(o, "--max-body");
  o = Loopback();
  o.http_threads = -1;
  ExpectBadOption(o, "--threads");
  o.http_threads = 0;
  ExpectBadOption(o, "--threads");
  o = Loopback();
  o.limits.query_timeout_seconds = -1;
  ExpectBadOption(o, "--timeout");
  o.limits.query_timeout_seconds = std::numeric_limits<double>::quiet_NaN();
  ExpectBadOption(o, "--timeout");
  o = Loopback();
  o.limits.max_connections = 0;
  ExpectBadOption(o, "--max-connections");
  o = Loopback();
  o.limits.request_timeout_seconds = 0;
  ExpectBadOption(o, "--request-timeout");
  o = Loopback();
  o.shutdown_grace_seconds = -1;
  ExpectBadOption(o, "--grace");
  o = Loopback();
  o.limits.query_timeout_seconds = 0;  // 0: no limit, allowed
  EXPECT_TRUE(internal::ResolveOptions(o).ok());
}

TEST(ServerOptionsTest, RemoteAddressNeedsAllowRemoteAndTokenAndThenGuardsReads) {
  ServerOptions o = Loopback();
  o.http_address = "0.0.0.0:7474";
  ExpectBadOption(o, "--allow-remote");
  o.allow_remote = true;
  ExpectBadOption(o, "--token-file");
  o.token = "s3cret";
  auto resolved = internal::ResolveOptions(o);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_TRUE(resolved->auth_reads) << "reads need the token beyond loopback";

  o = Loopback();
  o.rpc_address = "192.0.2.1:7687";
  ExpectBadOption(o, "--rpc");
  for (const char* local : {"127.0.0.1:1", "127.1.2.3:1", "localhost:1", "[::1]:1"}) {
    o = Loopback();
    o.http_address = local;
    resolved = internal::ResolveOptions(o);
    ASSERT_TRUE(resolved.ok()) << local;
    EXPECT_FALSE(resolved->auth_reads) << local;
  }
}

}  // namespace
}  // namespace kg::server
