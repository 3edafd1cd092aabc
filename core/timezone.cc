// A reader of TZif files (RFC 8536): the 64-bit transition table of version
// 2+ files (the version 1 block is skipped). Debian ships "fat" files with
// explicit transitions up to 2037; later instants keep the last offset.
#include "core/timezone.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace kg {
namespace {

constexpr int64_t kDay = 86'400;

struct Zone {
  std::string name;
  std::vector<int64_t> transitions;  // UTC seconds, ascending
  std::vector<int32_t> offsets;      // offset from each transition on
  int32_t initial = 0;               // offset before the first transition
};

struct Registry {
  std::mutex mu;
  std::map<std::string, int32_t, std::less<>> ids;
  std::vector<std::unique_ptr<Zone>> zones;  // id - 1
};

Registry& Zones() {
  static Registry* r = new Registry();
  return *r;
}

uint32_t Be32(const std::string& s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

int64_t Be64(const std::string& s, size_t at) {
  return static_cast<int64_t>((static_cast<uint64_t>(Be32(s, at)) << 32) | Be32(s, at + 4));
}

// Counts of a TZif header at `at`: isutcnt, isstdcnt, leapcnt, timecnt,
// typecnt, charcnt.
bool Header(const std::string& s, size_t at, uint32_t c[6]) {
  if (s.size() < at + 44 || s.compare(at, 4, "TZif") != 0) return false;
  for (int i = 0; i < 6; ++i) c[i] = Be32(s, at + 20 + 4 * i);
  return true;
}

size_t BlockSize(const uint32_t c[6], size_t time_size) {
  return c[3] * time_size + c[3] + c[4] * 6 + c[5] + c[2] * (time_size + 4) + c[1] + c[0];
}

bool ParseTzif(const std::string& s, Zone* z) {
  uint32_t c[6];
  if (!Header(s, 0, c)) return false;
  size_t at = 44;
  size_t time_size = 4;
  if (s[4] >= '2') {
    at += BlockSize(c, 4);
    if (!Header(s, at, c)) return false;
    at += 44;
    time_size = 8;
  }
  if (s.size() < at + BlockSize(c, time_size) || c[4] == 0) return false;
  std::vector<int32_t> type_offsets(c[4]);
  size_t types_at = at + c[3] * time_size + c[3];
  for (uint32_t i = 0; i < c[4]; ++i) {
    type_offsets[i] = static_cast<int32_t>(Be32(s, types_at + 6 * i));
  }
  for (uint32_t i = 0; i < c[3]; ++i) {
    int64_t t = time_size == 8 ? Be64(s, at + 8 * i) : static_cast<int32_t>(Be32(s, at + 4 * i));
    auto type = static_cast<unsigned char>(s[at + c[3] * time_size + i]);
    if (type >= c[4]) return false;
    z->transitions.push_back(t);
    z->offsets.push_back(type_offsets[type]);
  }
  // RFC 8536: before the first transition, local time type 0.
  z->initial = type_offsets[0];
  return true;
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  for (char ch : name) {
    bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '/' || ch == '_' || ch == '-' || ch == '+';
    if (!ok) return false;
  }
  return name.find("..") == std::string_view::npos;
}

const Zone& Get(int32_t id) {
  Registry& r = Zones();
  std::lock_guard<std::mutex> lock(r.mu);
  return *r.zones.at(static_cast<size_t>(id - 1));
}

}  // namespace

Result<int32_t> FindZone(std::string_view name) {
  if (!ValidName(name))
    return Status::InvalidArgument("invalid time zone name '" + std::string(name) + "'");
  Registry& r = Zones();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.ids.find(name);
  if (it != r.ids.end()) return it->second;
  const char* dir = std::getenv("TZDIR");
  std::string path =
      std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto zone = std::make_unique<Zone>();
  zone->name = std::string(name);
  if (!in.good() && !in.eof()) bytes.clear();
  if (bytes.empty() || !ParseTzif(bytes, zone.get()))
    return Status::NotFound("unknown time zone '" + std::string(name) + "'");
  r.zones.push_back(std::move(zone));
  auto id = static_cast<int32_t>(r.zones.size());
  r.ids.emplace(std::string(name), id);
  return id;
}

const std::string& ZoneName(int32_t zone) { return Get(zone).name; }

int32_t ZoneOffsetAt(int32_t zone, int64_t utc_seconds) {
  const Zone& z = Get(zone);
  auto it = std::upper_bound(z.transitions.begin(), z.transitions.end(), utc_seconds);
  if (it == z.transitions.begin()) return z.initial;
  return z.offsets[static_cast<size_t>(it - z.transitions.begin() - 1)];
}

int32_t ZoneOffsetForLocal(int32_t zone, int64_t local_seconds, int32_t preferred) {
  // Zones change offset at most once in two days, so the offsets a day
  // either side are the two candidates.
  int32_t before = ZoneOffsetAt(zone, local_seconds - kDay);
  int32_t after = ZoneOffsetAt(zone, local_seconds + kDay);
  if (before == after) return before;
  bool before_ok = ZoneOffsetAt(zone, local_seconds - before) == before;
  bool after_ok = ZoneOffsetAt(zone, local_seconds - after) == after;
  if (before_ok && after_ok) return preferred == after ? after : before;  // overlap
  if (before_ok) return before;
  if (after_ok) return after;
  return before;  // gap
}

}  // namespace kg
