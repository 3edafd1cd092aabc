// Helpers of the server tests: a seeded temporary database, `kg serve` run
// as a real child process on free loopback ports, and running client
// programs (curl, kg, python3) with their output captured.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "core/value.h"
#include "gtest/gtest.h"

namespace kg::server::testing {

// A fresh temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Creates a database at `dir` with the built-in ontology holding NVIDIA,
// Huawei, AMD, Xiaomi (Company), H20 (Product), Jensen Huang (Person) and
// relations between them (COMPETES_WITH, MAKES, LEADS, PRAISES).
void SeedDatabase(const std::string& dir);

// Creates a database at `db` holding the bundled dataset (data/seed and its
// sources), through `kg init` and `kg import` as a user would.
void LoadBundledDataset(const std::string& db);

// Writes `content` to `path` readable by its owner only (mode 600), as
// kg serve requires of a token file.
void WritePrivateFile(const std::string& path, const std::string& content);

// A fixture with the seeded database and a token file holding `token`, both
// in one temporary directory.
class SeededServerTest : public ::testing::Test {
 protected:
  explicit SeededServerTest(std::string token) : token_(std::move(token)) {}
  void SetUp() override {
    SeedDatabase(db());
    WritePrivateFile(token_file(), token_);
  }
  std::string db() const { return dir_.path() + "/db"; }
  std::string token_file() const { return dir_.path() + "/token"; }
  TempDir dir_;

 private:
  std::string token_;
};

struct CommandResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string out;     // stdout
};

// Runs argv[0] (looked up in PATH) with `input` on stdin; stdout captured,
// stderr passed through. Gives up (SIGKILL) after `timeout_seconds`.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& input = "",
                         double timeout_seconds = 60);

// The kg executable of this build.
std::string KgBinary();

// `kg serve` on 127.0.0.1 with ports picked by the kernel.
class ServerProcess {
 public:
  // Starts `kg --db DB serve --http 127.0.0.1:0 --rpc 127.0.0.1:0 <extra>` and
  // waits (bounded) for its "serving" line. Check ok() afterwards.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra_args);
  ~ServerProcess();  // SIGTERM, then SIGKILL if it does not exit in time

  bool ok() const { return http_port_ > 0; }
  int http_port() const { return http_port_; }
  int rpc_port() const { return rpc_port_; }
  std::string url(const std::string& path) const;

  // Sends SIGTERM and waits; returns the exit code (-1 on timeout/signal).
  int Terminate(double timeout_seconds = 30);
  // SIGKILL and reap.
  void Kill();

 private:
  int pid_ = -1;
  int out_fd_ = -1;  // its stdout; open until it exits so a late line cannot SIGPIPE it
  int http_port_ = 0;
  int rpc_port_ = 0;
};

struct HttpReply {
  int status = 0;
  std::string body;
};

// curl with these extra arguments against `url`; the status and body.
HttpReply Curl(const std::string& url, const std::vector<std::string>& args = {});
// GET `path` with each of `params` ("name=value") url-encoded, and the
// bearer token when given (curl).
HttpReply GetWithParams(const ServerProcess& server, const std::string& path,
                        const std::vector<std::string>& params, const std::string& token = "");
// POST /v1/query with {"query": text, "params": params_json} (curl).
HttpReply PostQuery(const ServerProcess& server, const std::string& text,
                    const std::string& token = "", const std::string& params_json = "{}");

// The "rows" member of a JSON result (ParseJson), or null when absent.
Value JsonMember(const std::string& json, const std::string& key);
// A JSON string literal for `s`.
std::string JsonQuote(const std::string& s);
// An error reply's "code: message" (docs/server.md, "Errors"), or "" when
// the body holds no error object.
std::string ErrorText(const HttpReply& reply);

// A suite whose cases share one `kg serve` (no token) on a copy of the
// bundled dataset; `Suite` is the deriving fixture, so each suite has its own.
template <typename Suite>
class BundledServerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string db = dir_->path() + "/db";
    LoadBundledDataset(db);
    if (::testing::Test::HasFatalFailure()) return;
    server_ = new ServerProcess(db, {});
    ASSERT_TRUE(server_->ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    server_ = nullptr;
    dir_ = nullptr;
  }
  static inline TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

}  // namespace kg::server::testing
