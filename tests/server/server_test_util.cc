// Test helpers: temp databases, child processes, curl.
#include "tests/server/server_test_util.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>

#include "core/json.h"
#include "gtest/gtest.h"
#include "schema/ontology.h"
#include "storage/store.h"

namespace kg::server::testing {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Waits for `pid` up to `timeout_seconds`; its exit code, or -1.
int WaitFor(int pid, double timeout_seconds) {
  auto start = Clock::now();
  while (SecondsSince(start) < timeout_seconds) {
    int status = 0;
    int r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -2;
}

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> out;
  for (const auto& a : args) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

TempDir::TempDir() {
  char tmpl[] = "/tmp/kg_server_test_XXXXXX";
  char* dir = mkdtemp(tmpl);
  path_ = dir != nullptr ? dir : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

void WritePrivateFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

void LoadBundledDataset(const std::string& db) {
  std::string src = KG_SOURCE_DIR;
  ASSERT_EQ(RunCommand({KgBinary(), "--db", db, "init"}).exit_code, 0);
  CommandResult imported = RunCommand(
      {KgBinary(), "--db", db, "import", "--nodes", src + "/data/seed/entities.csv", "--edges",
       src + "/data/seed/relations.csv", "--sources", src + "/data/sources/sources.json"});
  ASSERT_EQ(imported.exit_code, 0) << imported.out;
}

void SeedDatabase(const std::string& dir) {
  ASSERT_TRUE(storage::Store::Create(dir, schema::Ontology::Builtin()).ok());
  auto store = storage::Store::Open(dir, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto txn = (*store)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  auto& t = **txn;
  auto company = [&](const char* name, ValueList aliases) {
    auto id = t.CreateEntity({"Company"}, {{"name", name}, {"aliases", std::move(aliases)}});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  };
  EntityId nvidia = company("NVIDIA", {Value("NVDA"), Value("NVIDIANVDA--")});
  EntityId huawei = company("Huawei", {});
  EntityId amd = company("AMD", {});
  EntityId xiaomi = company("Xiaomi", {});
  auto h20 = t.CreateEntity({"Product"}, {{"name", "H20"}});
  auto jensen = t.CreateEntity({"Person"}, {{"name", "Jensen Huang"}});
  ASSERT_TRUE(h20.ok() && jensen.ok());
  ASSERT_TRUE(t.CreateRelation("COMPETES_WITH", nvidia, huawei, {}).ok());
  ASSERT_TRUE(t.CreateRelation("COMPETES_WITH", nvidia, amd, {}).ok());
  ASSERT_TRUE(t.CreateRelation("COMPETES_WITH", xiaomi, huawei, {}).ok());
  ASSERT_TRUE(t.CreateRelation("MAKES", nvidia, *h20, {{"source", "seed"}}).ok());
  ASSERT_TRUE(t.CreateRelation("LEADS", *jensen, nvidia, {}).ok());
  ASSERT_TRUE(t.CreateRelation("PRAISES", *jensen, huawei,
                               {{"stance", 0.8}, {"quote", "Huawei is a formidable company"}})
                  .ok());
  ASSERT_TRUE(t.Commit().ok());
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& input,
                         double timeout_seconds) {
  CommandResult result;
  int in_pipe[2], out_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0) return result;
  int pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    close(in_pipe[1]);
    close(out_pipe[0]);
    auto args = Argv(argv);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  // Small inputs only: written before reading, so no deadlock below the pipe size.
  if (!input.empty() && write(in_pipe[1], input.data(), input.size()) < 0) result.exit_code = -1;
  close(in_pipe[1]);
  auto start = Clock::now();
  char buf[65536];
  while (SecondsSince(start) < timeout_seconds) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    result.out.append(buf, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  int code = WaitFor(pid, std::max(1.0, timeout_seconds - SecondsSince(start)));
  if (code == -2) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    code = -1;
  }
  result.exit_code = code;
  return result;
}

std::string KgBinary() { return std::string(KG_BINARY_DIR) + "/cli/kg"; }

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {KgBinary(), "--db",        db,      "serve",
                                   "--http",   "127.0.0.1:0", "--rpc", "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out_pipe[1], 1);
    close(out_pipe[0]);
    auto argv = Argv(args);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  std::string line;
  auto start = Clock::now();
  char c;
  while (SecondsSince(start) < 30 && line.find('\n') == std::string::npos) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    if (read(out_pipe[0], &c, 1) != 1) break;
    line.push_back(c);
  }
  // The rest of stdout is not read; keep the pipe open but non-blocking for
  // the child: it writes only one more short line at shutdown.
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
  out_fd_ = out_pipe[0];
  std::smatch m;
  if (std::regex_search(line, m, std::regex(R"(http=(\d+))"))) http_port_ = std::stoi(m[1]);
  if (std::regex_search(line, m, std::regex(R"(rpc=(\d+))"))) rpc_port_ = std::stoi(m[1]);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && Terminate(30) == -2) Kill();
  if (out_fd_ >= 0) close(out_fd_);
}

std::string ServerProcess::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + path;
}

int ServerProcess::Terminate(double timeout_seconds) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int code = WaitFor(pid_, timeout_seconds);
  if (code != -2) pid_ = -1;
  return code;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

HttpReply Curl(const std::string& url, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"curl", "-sS", "--max-time", "60", "-w", "\n%{http_code}"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back(url);
  CommandResult r = RunCommand(argv, "", 90);
  HttpReply reply;
  size_t nl = r.out.rfind('\n');
  if (r.exit_code != 0 || nl == std::string::npos) return reply;
  reply.body = r.out.substr(0, nl);
  reply.status = std::atoi(r.out.c_str() + nl + 1);
  return reply;
}

HttpReply GetWithParams(const ServerProcess& server, const std::string& path,
                        const std::vector<std::string>& params, const std::string& token) {
  std::vector<std::string> args = {"-G"};
  for (const std::string& p : params) {
    args.push_back("--data-urlencode");
    args.push_back(p);
  }
  if (!token.empty()) {
    args.push_back("-H");
    args.push_back("Authorization: Bearer " + token);
  }
  return Curl(server.url(path), args);
}

HttpReply PostQuery(const ServerProcess& server, const std::string& text, const std::string& token,
                    const std::string& params_json) {
  std::vector<std::string> args = {
      "-X",
      "POST",
      "-H",
      "Content-Type: application/json",
      "--data-binary",
      "{\"query\": " + JsonQuote(text) + ", \"params\": " + params_json + "}"};
  if (!token.empty()) {
    args.push_back("-H");
    args.push_back("Authorization: Bearer " + token);
  }
  return Curl(server.url("/v1/query"), args);
}

Value JsonMember(const std::string& json, const std::string& key) {
  auto v = ParseJson(json);
  if (!v.ok() || !v->is_map()) return Value();
  auto it = v->as_map().find(key);
  return it == v->as_map().end() ? Value() : it->second;
}

std::string ErrorText(const HttpReply& reply) {
  Value error = JsonMember(reply.body, "error");
  if (!error.is_map()) return "";
  const ValueMap& m = error.as_map();
  return m.at("code").as_string() + ": " + m.at("message").as_string();
}

std::string JsonQuote(const std::string& s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

}  // namespace kg::server::testing
