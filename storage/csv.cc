// Neo4j-admin CSV reader: a block-buffered RFC 4180 tokenizer (fields are
// views into the buffer, no per-field allocation) feeding typed NodeRow and
// EdgeRow objects that are reused from row to row.
#include "storage/csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <unordered_set>

#include "core/temporal.h"
#include "core/text.h"
#include "storage/internal/csv_values.h"

namespace kg::storage {
namespace {

using csv::ParseScalar;
using csv::ParseTypeName;
using csv::ScalarType;
using csv::TrimSpaces;

constexpr size_t kBlockSize = 4 << 20;

// Bytes that end the fast scan of an unquoted field: separators, and bytes
// that need a closer look (non-ASCII for UTF-8 validation, quotes).
constexpr auto kStop = [] {
  std::array<bool, 256> t{};
  t[','] = t['\n'] = t['"'] = true;
  for (int c = 0x80; c < 256; ++c) t[c] = true;
  return t;
}();

enum class ColumnKind { kId, kLabel, kStartId, kEndId, kType, kProperty, kIgnore };
struct Column {
  ColumnKind kind = ColumnKind::kProperty;
  std::string header;  // the header cell as written, for messages
  std::string key;     // property key
  ScalarType type = ScalarType::kString;
  std::string type_name;  // "int", "float", ... as written (lower case)
  bool array = false;
};

// One field of the current record: a view into the buffer (or the unescaped
// scratch copy) plus where it starts, for messages.
struct Field {
  size_t begin = 0;  // buffer offset of the first content byte
  size_t size = 0;
  size_t start = 0;  // buffer offset of the field (its opening quote if quoted)
  uint64_t line = 0;
  size_t line_begin = 0;  // buffer offset where the field's physical line starts
  bool quoted = false;
  bool escaped = false;  // holds doubled quotes
};

std::string Quote(std::string_view text) {
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMax)) + "...'";
}

// The tokenizer plus header interpretation shared by node and edge files.
class CsvFile {
 public:
  explicit CsvFile(const std::string& path) : path_(path) {}
  ~CsvFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  Status Open() {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Status::IOError(path_ + ": cannot open: " + std::strerror(errno));
    // A small file gets a small buffer: zeroing a whole block per file made
    // the fuzz target, which reads thousands of tiny files, 100x slower.
    size_t size = kBlockSize;
    struct stat st;
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0)
      size = std::clamp<size_t>(static_cast<size_t>(st.st_size) + 1, 4096, kBlockSize);
    buf_.resize(size);
    return Status::OK();
  }

  // Reads the next record into fields(); false at end of file.
  Result<bool> Next();
  Status ReadHeader(bool node_file);

  const std::vector<Field>& fields() const { return fields_; }
  const std::vector<Column>& columns() const { return columns_; }
  // Property columns' indexes, sorted by key (the order of a PropertyMap).
  const std::vector<size_t>& property_columns() const { return property_columns_; }
  int column_of(ColumnKind kind) const {
    for (size_t i = 0; i < columns_.size(); ++i)
      if (columns_[i].kind == kind) return static_cast<int>(i);
    return -1;
  }
  uint64_t record_line() const { return record_line_; }

  // The field's text with doubled quotes collapsed (the view may point into
  // a scratch buffer valid until the next call).
  std::string_view Text(const Field& f) {
    std::string_view raw(buf_.data() + f.begin, f.size);
    if (!f.escaped) return raw;
    scratch_.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
      scratch_ += raw[i];
      if (raw[i] == '"') ++i;  // skip the second quote of a pair
    }
    return scratch_;
  }

  // "file:line:col: reason" for a position in the current record.
  Status ErrorAt(const Field& f, std::string_view reason, bool syntax = false) const {
    return PositionError(f.line, f.line_begin, f.start, reason, syntax);
  }
  Status ErrorAtLine(uint64_t line, std::string_view reason) const {
    return Status::InvalidArgument(path_ + ":" + std::to_string(line) + ": " + std::string(reason));
  }

 private:
  enum class Scan { kRecord, kNeedMore, kEnd };
  Status PositionError(uint64_t line, size_t line_begin, size_t at, std::string_view reason,
                       bool syntax) const {
    std::string msg =
        path_ + ":" + std::to_string(line) + ":" +
        std::to_string(CountCodePoints(buf_.data() + line_begin, buf_.data() + at) + 1) + ": " +
        std::string(reason);
    return syntax ? Status::SyntaxError(std::move(msg)) : Status::InvalidArgument(std::move(msg));
  }
  Status Fill();
  Result<Scan> ScanRecord();
  Status CheckUtf8(size_t from, size_t to) const;
  Status AddColumn(const Field& f, std::string_view text, bool node_file);

  std::string path_;
  int fd_ = -1;
  std::vector<char> buf_;
  size_t pos_ = 0;  // start of unconsumed data
  size_t end_ = 0;  // end of valid data
  bool eof_ = false;
  uint64_t line_ = 1;  // physical line at pos_
  uint64_t record_line_ = 0;
  std::vector<Field> fields_;
  std::string scratch_;
  std::vector<Column> columns_;
  std::vector<size_t> property_columns_;
  std::unordered_set<std::string> keys_seen_;  // property keys of columns_
  std::array<bool, 7> kinds_seen_{};           // by ColumnKind
};

Status CsvFile::Fill() {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // one record larger than a block
  while (end_ < buf_.size()) {
    ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(path_ + ": read failed: " + std::strerror(errno));
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    end_ += static_cast<size_t>(n);
  }
  return Status::OK();
}

// Kept whole: the bulk import's inner loop (every byte of a load passes
// here), whose cursor (p, line, line_begin) stays in locals across the quoted
// and bare field scans instead of being passed through calls.
Result<CsvFile::Scan> CsvFile::ScanRecord() {
  const char* b = buf_.data();
  size_t p = pos_;
  uint64_t line = line_;
  size_t line_begin = pos_;
  // Skip blank lines between records.
  while (true) {
    if (p < end_ && b[p] == '\n') {
      ++p, ++line, line_begin = p;
    } else if (p + 1 < end_ && b[p] == '\r' && b[p + 1] == '\n') {
      p += 2, ++line, line_begin = p;
    } else {
      break;
    }
  }
  if (p >= end_ || (p + 1 == end_ && b[p] == '\r')) {
    if (eof_) return Scan::kEnd;
    return Scan::kNeedMore;
  }
  const size_t record_begin = p;
  const uint64_t record_line = line;
  bool non_ascii = false;
  fields_.clear();
  while (true) {
    Field f;
    f.start = p, f.line = line, f.line_begin = line_begin;
    char term;
    if (p < end_ && b[p] == '"') {
      f.quoted = true;
      non_ascii = true;  // quoted text is validated with the slow path
      f.begin = ++p;
      while (true) {
        const void* q = p < end_ ? std::memchr(b + p, '"', end_ - p) : nullptr;
        if (q == nullptr) {
          if (!eof_) return Scan::kNeedMore;
          return PositionError(f.line, f.line_begin, f.start,
                               "unterminated quoted field (the quote opened here)", true);
        }
        size_t qi = static_cast<const char*>(q) - b;
        for (size_t i = p; i < qi; ++i) {
          if (b[i] == '\n') ++line, line_begin = i + 1;
        }
        if (qi + 1 >= end_ && !eof_) return Scan::kNeedMore;
        if (qi + 1 < end_ && b[qi + 1] == '"') {
          f.escaped = true;
          p = qi + 2;
          continue;
        }
        f.size = qi - f.begin;
        p = qi + 1;
        break;
      }
      if (p + 1 < end_ && b[p] == '\r' && b[p + 1] == '\n') ++p;
      if (p >= end_) {
        if (!eof_) return Scan::kNeedMore;
        term = '\n';
      } else {
        term = b[p];
        if (term != ',' && term != '\n') {
          return PositionError(line, line_begin, p, "unexpected character after closing quote",
                               true);
        }
        ++p;
      }
    } else {
      f.begin = p;
      while (p < end_ && !kStop[static_cast<unsigned char>(b[p])]) ++p;
      while (p < end_ && b[p] != ',' && b[p] != '\n') {  // past a non-ASCII byte or a '"'
        non_ascii |= static_cast<unsigned char>(b[p]) >= 0x80;
        ++p;
        while (p < end_ && !kStop[static_cast<unsigned char>(b[p])]) ++p;
      }
      if (p >= end_ && !eof_) return Scan::kNeedMore;
      f.size = p - f.begin;
      term = p < end_ ? b[p] : '\n';
      if (term == '\n' && f.size > 0 && b[f.begin + f.size - 1] == '\r') --f.size;
      if (p < end_) ++p;
    }
    fields_.push_back(f);
    if (term == '\n') {
      if (p <= end_ && p > 0 && b[p - 1] == '\n') ++line;
      break;
    }
  }
  if (non_ascii) KG_RETURN_IF_ERROR(CheckUtf8(record_begin, p));
  if (const void* nul = std::memchr(b + record_begin, 0, p - record_begin)) {
    size_t at = static_cast<const char*>(nul) - b;
    uint64_t nul_line = record_line;
    size_t nul_line_begin = record_begin;
    for (size_t i = record_begin; i < at; ++i) {
      if (b[i] == '\n') ++nul_line, nul_line_begin = i + 1;
    }
    return PositionError(nul_line, nul_line_begin, at,
                         "NUL byte in a field (kg refuses NUL bytes in names and values)", false);
  }
  pos_ = p;
  line_ = line;
  record_line_ = record_line;
  return Scan::kRecord;
}

Status CsvFile::CheckUtf8(size_t from, size_t to) const {
  size_t bad = from + FindInvalidUtf8(buf_.data() + from, to - from);
  if (bad == to) return Status::OK();
  const char* b = buf_.data();
  uint64_t line = line_;
  size_t line_begin = from;
  for (size_t i = pos_; i < bad; ++i) {
    if (b[i] == '\n') ++line, line_begin = i + 1;
  }
  return PositionError(line, line_begin, bad, "invalid UTF-8", false);
}

Result<bool> CsvFile::Next() {
  while (true) {
    KG_ASSIGN_OR_RETURN(Scan scan, ScanRecord());
    if (scan == Scan::kRecord) return true;
    if (scan == Scan::kEnd) return false;
    KG_RETURN_IF_ERROR(Fill());
  }
}

Status CsvFile::AddColumn(const Field& f, std::string_view text, bool node_file) {
  Column c;
  c.header = std::string(text);
  size_t colon = text.rfind(':');
  std::string_view name = colon == std::string_view::npos ? text : text.substr(0, colon);
  std::string_view type =
      colon == std::string_view::npos ? std::string_view("string") : text.substr(colon + 1);
  static constexpr std::pair<std::string_view, ColumnKind> kSpecial[] = {
      {"ID", ColumnKind::kId},
      {"LABEL", ColumnKind::kLabel},
      {"START_ID", ColumnKind::kStartId},
      {"END_ID", ColumnKind::kEndId},
      {"TYPE", ColumnKind::kType},
      {"IGNORE", ColumnKind::kIgnore},
  };
  bool special = false;
  for (const auto& [n, k] : kSpecial) {
    if (AsciiIEquals(type, n)) c.kind = k, special = true;
  }
  if (!special && type.find('(') != std::string_view::npos) {
    return ErrorAt(f, "id groups are not supported in column '" + c.header + "'");
  }
  if (special) {
    bool allowed = c.kind == ColumnKind::kIgnore ||
                   (node_file ? c.kind == ColumnKind::kId || c.kind == ColumnKind::kLabel
                              : c.kind != ColumnKind::kId && c.kind != ColumnKind::kLabel);
    if (!allowed) {
      return ErrorAt(f, "column '" + c.header + "' is not allowed in a " +
                            (node_file ? "node" : "relationship") + " file");
    }
    // A set, not a scan of the earlier columns: a header of n columns is
    // checked in O(n), not O(n^2) (10,000 columns took seconds).
    auto kind = static_cast<size_t>(c.kind);
    if (c.kind != ColumnKind::kIgnore && kinds_seen_[kind])
      return ErrorAt(f, "duplicate column '" + c.header + "'");
    kinds_seen_[kind] = true;
    columns_.push_back(std::move(c));
    return Status::OK();
  }
  if (name.empty()) return ErrorAt(f, "column '" + c.header + "' has no property name");
  if (type.size() > 2 && type.substr(type.size() - 2) == "[]") {
    c.array = true;
    type.remove_suffix(2);
  }
  if (!ParseTypeName(type, &c.type)) {
    return ErrorAt(
        f,
        "unknown type '" + std::string(type) + "' in column '" + c.header +
            "' (expected int, long, float, double, boolean, date, localtime, time, localdatetime, "
            "datetime, duration or string)");
  }
  c.type_name = AsciiLower(type);
  c.key = std::string(name);
  if (!keys_seen_.insert(c.key).second)
    return ErrorAt(f, "duplicate column for property '" + c.key + "'");
  columns_.push_back(std::move(c));
  return Status::OK();
}

Status CsvFile::ReadHeader(bool node_file) {
  // A UTF-8 byte order mark is skipped.
  KG_RETURN_IF_ERROR(Fill());
  if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  KG_ASSIGN_OR_RETURN(bool any, Next());
  if (!any) return ErrorAtLine(1, "empty file, expected a header line");
  for (const Field& f : fields_) {
    std::string text(Text(f));
    // A carriage return not followed by a line feed: the file's lines end in
    // CR alone (classic Mac OS), so the whole file reads as one header line.
    if (!f.quoted && text.find('\r') != std::string::npos) {
      return ErrorAt(f,
                     "carriage return without a line feed in the header: the lines of this file "
                     "end in CR only; save it with LF or CRLF line endings");
    }
    KG_RETURN_IF_ERROR(AddColumn(f, text, node_file));
  }
  auto require = [&](ColumnKind kind, const char* name) -> Status {
    if (column_of(kind) >= 0) return Status::OK();
    return ErrorAtLine(record_line_, std::string("missing ") + name + " column");
  };
  if (node_file) {
    KG_RETURN_IF_ERROR(require(ColumnKind::kId, ":ID"));
  } else {
    KG_RETURN_IF_ERROR(require(ColumnKind::kStartId, ":START_ID"));
    KG_RETURN_IF_ERROR(require(ColumnKind::kEndId, ":END_ID"));
    KG_RETURN_IF_ERROR(require(ColumnKind::kType, ":TYPE"));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].kind == ColumnKind::kProperty) property_columns_.push_back(i);
  }
  std::sort(property_columns_.begin(), property_columns_.end(),
            [&](size_t a, size_t b) { return columns_[a].key < columns_[b].key; });
  return Status::OK();
}

// Parses a property field into `out`; false (with OK status) when the field
// means "no property".
Result<bool> ParseProperty(CsvFile& file, const Column& c, const Field& f, Value* out) {
  std::string_view text = file.Text(f);
  // Spaces around a number, boolean or date are allowed, so a field of
  // spaces alone is as empty as an empty one: no property.
  if (!f.quoted && c.type != ScalarType::kString && TrimSpaces(text).empty()) return false;
  if (text.empty()) {
    if (!f.quoted) return false;
    if (c.array) {
      *out = Value(ValueList{});
      return true;
    }
    if (c.type != ScalarType::kString) return false;
  }
  auto bad = [&](std::string_view item) {
    std::string expected =
        c.type == ScalarType::kDate ? " (expected YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)" : "";
    return file.ErrorAt(f, "column '" + c.header + "': cannot parse " + Quote(item) + " as " +
                               c.type_name + expected);
  };
  if (!c.array) {
    if (!ParseScalar(text, c.type, out)) return bad(text);
    return true;
  }
  ValueList items;
  size_t from = 0;
  while (true) {
    size_t semi = text.find(';', from);
    std::string_view item =
        text.substr(from, semi == std::string_view::npos ? std::string_view::npos : semi - from);
    Value v;
    if (!ParseScalar(item, c.type, &v)) return bad(item);
    items.push_back(std::move(v));
    if (semi == std::string_view::npos) break;
    from = semi + 1;
  }
  *out = Value(std::move(items));
  return true;
}

// Rewrites `map` to hold exactly the properties of `n` keys in map order:
// key(i), and fill(i, value) -> Result<bool>, which writes the value (only
// once it is whole) and says whether there is one. The map nodes (and their
// values' storage) of the previous row are reused where keys repeat.
template <typename KeyOf, typename Fill>
Status MergeProperties(PropertyMap& map, size_t n, KeyOf key, Fill fill) {
  auto it = map.begin();
  for (size_t i = 0; i < n; ++i) {
    const std::string& k = key(i);
    while (it != map.end() && it->first < k) it = map.erase(it);
    if (it != map.end() && it->first == k) {
      KG_ASSIGN_OR_RETURN(bool has, fill(i, &it->second));
      it = has ? std::next(it) : map.erase(it);
      continue;
    }
    Value v;
    KG_ASSIGN_OR_RETURN(bool has, fill(i, &v));
    if (has) map.emplace_hint(it, k, std::move(v));
  }
  map.erase(it, map.end());
  return Status::OK();
}

// Rewrites `props` to hold exactly this record's properties, each parsed
// straight into the value its key already has (after an error the row is
// dropped).
Status FillProperties(CsvFile& file, PropertyMap& props) {
  const auto& columns = file.property_columns();
  return MergeProperties(
      props, columns.size(),
      [&](size_t i) -> const std::string& { return file.columns()[columns[i]].key; },
      [&](size_t i, Value* out) {
        return ParseProperty(file, file.columns()[columns[i]], file.fields()[columns[i]], out);
      });
}

Status CheckFieldCount(CsvFile& file) {
  size_t want = file.columns().size();
  size_t got = file.fields().size();
  if (want == got) return Status::OK();
  return file.ErrorAtLine(file.record_line(), "expected " + std::to_string(want) +
                                                  " fields as in the header, found " +
                                                  std::to_string(got));
}

// A required field's text, as a view: of the buffer (valid until the next
// record), or for a field with doubled quotes, of `unescaped`, which then
// holds it (CsvFile::Text's scratch serves one field at a time).
Status RequiredView(CsvFile& file, int column, std::string* unescaped, std::string_view* out) {
  const Field& f = file.fields()[column];
  std::string_view text = file.Text(f);
  if (text.empty()) return file.ErrorAt(f, "empty " + file.columns()[column].header + " value");
  if (f.escaped) {
    unescaped->assign(text.data(), text.size());
    text = *unescaped;
  }
  *out = text;
  return Status::OK();
}

// As RequiredView, copied into `out`.
Status RequiredText(CsvFile& file, int column, std::string* out) {
  std::string_view text;
  KG_RETURN_IF_ERROR(RequiredView(file, column, out, &text));
  if (text.data() != out->data()) out->assign(text.data(), text.size());
  return Status::OK();
}

void SplitLabels(std::string_view text, std::vector<std::string>* labels) {
  size_t n = 0;
  size_t from = 0;
  while (from <= text.size()) {
    size_t semi = text.find(';', from);
    if (semi == std::string_view::npos) semi = text.size();
    std::string_view label = TrimSpaces(text.substr(from, semi - from));
    if (!label.empty()) {
      if (n < labels->size())
        (*labels)[n].assign(label.data(), label.size());
      else
        labels->emplace_back(label);
      ++n;
    }
    from = semi + 1;
  }
  labels->resize(n);
}

}  // namespace

Status ReadNodeCsv(const std::string& path, const std::function<Status(NodeRow&)>& fn) {
  CsvFile file(path);
  KG_RETURN_IF_ERROR(file.Open());
  KG_RETURN_IF_ERROR(file.ReadHeader(/*node_file=*/true));
  const int id_col = file.column_of(ColumnKind::kId);
  const int label_col = file.column_of(ColumnKind::kLabel);
  NodeRow row;
  while (true) {
    KG_ASSIGN_OR_RETURN(bool more, file.Next());
    if (!more) return Status::OK();
    KG_RETURN_IF_ERROR(CheckFieldCount(file));
    row.line = file.record_line();
    KG_RETURN_IF_ERROR(RequiredText(file, id_col, &row.id));
    if (label_col >= 0)
      SplitLabels(file.Text(file.fields()[label_col]), &row.labels);
    else
      row.labels.clear();
    KG_RETURN_IF_ERROR(FillProperties(file, row.properties));
    KG_RETURN_IF_ERROR(fn(row));
  }
}

void EdgeFields::ToMap(PropertyMap* map) const {
  // Copying a value cannot fail.
  (void)MergeProperties(
      *map, properties.size(), [&](size_t i) -> const std::string& { return *properties[i].key; },
      [&](size_t i, Value* out) -> Result<bool> {
        if (!properties[i].present) return false;
        *out = properties[i].value;
        return true;
      });
}

Status ReadEdgeFields(const std::string& path, const std::function<Status(EdgeFields&)>& fn) {
  CsvFile file(path);
  KG_RETURN_IF_ERROR(file.Open());
  KG_RETURN_IF_ERROR(file.ReadHeader(/*node_file=*/false));
  const int start_col = file.column_of(ColumnKind::kStartId);
  const int end_col = file.column_of(ColumnKind::kEndId);
  const int type_col = file.column_of(ColumnKind::kType);
  const std::vector<size_t>& columns = file.property_columns();
  EdgeFields row;
  for (size_t ci : columns) row.properties.push_back({&file.columns()[ci].key, Value(), false});
  std::string unescaped[3];  // a quoted field's text with its doubled quotes made single
  while (true) {
    KG_ASSIGN_OR_RETURN(bool more, file.Next());
    if (!more) return Status::OK();
    KG_RETURN_IF_ERROR(CheckFieldCount(file));
    row.line = file.record_line();
    KG_RETURN_IF_ERROR(RequiredView(file, start_col, &unescaped[0], &row.start_id));
    KG_RETURN_IF_ERROR(RequiredView(file, end_col, &unescaped[1], &row.end_id));
    KG_RETURN_IF_ERROR(RequiredView(file, type_col, &unescaped[2], &row.type));
    const auto& fields = file.fields();
    for (size_t i = 0; i < columns.size(); ++i) {
      // Parsed straight into the slot's value (written only once it parsed).
      EdgeFields::Property& p = row.properties[i];
      KG_ASSIGN_OR_RETURN(
          p.present, ParseProperty(file, file.columns()[columns[i]], fields[columns[i]], &p.value));
    }
    KG_RETURN_IF_ERROR(fn(row));
  }
}

Status ReadEdgeCsv(const std::string& path, const std::function<Status(EdgeRow&)>& fn) {
  EdgeRow row;
  return ReadEdgeFields(path, [&](EdgeFields& fields) {
    row.line = fields.line;
    row.start_id = fields.start_id;
    row.end_id = fields.end_id;
    row.type = fields.type;
    fields.ToMap(&row.properties);
    return fn(row);
  });
}

void AppendCsvField(std::string_view field, std::string* out) {
  bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out->append(field);
    return;
  }
  *out += '"';
  for (char c : field) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

}  // namespace kg::storage
