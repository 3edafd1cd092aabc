// The public Database / QueryResult / Cursor API over the session layer
// (api/session.h): the library applies the same rules as the CLI and the
// server because it runs through the same code.
#include "kg/database.h"

#include <utility>

#include "api/session.h"
#include "core/json.h"
#include "storage/store.h"  // the transaction a WriteTransaction wraps

namespace kg {

class Database::Impl {
 public:
  explicit Impl(std::unique_ptr<session::Session> session) : session_(std::move(session)) {}
  session::Session& session() { return *session_; }
  const session::Session& session() const { return *session_; }

 private:
  std::unique_ptr<session::Session> session_;
};

class Cursor::Impl {
 public:
  explicit Impl(std::unique_ptr<session::Cursor> rows) : rows_(std::move(rows)) {
    for (const session::Notification& n : rows_->notifications())
      notifications_.push_back(Notification{n.code, n.title, n.description, n.position});
  }
  session::Cursor& rows() { return *rows_; }
  std::vector<Value>& current() { return current_; }
  const std::vector<Notification>& notifications() const { return notifications_; }

 private:
  std::unique_ptr<session::Cursor> rows_;
  std::vector<Value> current_;
  std::vector<Notification> notifications_;
};

class WriteTransaction::Impl {
 public:
  explicit Impl(std::unique_ptr<storage::Transaction> txn) : txn_(std::move(txn)) {}
  // The live transaction, or InvalidArgument once committed.
  Result<storage::Transaction*> Get() const {
    if (txn_ == nullptr) return Status::InvalidArgument("the write transaction has ended");
    return txn_.get();
  }
  Status Commit() {
    KG_ASSIGN_OR_RETURN(storage::Transaction * txn, Get());
    Status s = txn->Commit();
    txn_.reset();
    return s;
  }

 private:
  std::unique_ptr<storage::Transaction> txn_;
};

namespace {

Result<viz::Format> ToVizFormat(DiagramFormat format) {
  switch (format) {
    case DiagramFormat::kSvg:
      return viz::Format::kSvg;
    case DiagramFormat::kPng:
      return viz::Format::kPng;
    case DiagramFormat::kPdf:
      return viz::Format::kPdf;
    case DiagramFormat::kDot:
      return viz::Format::kDot;
  }
  return Status::InvalidArgument("unknown diagram format");
}

session::CallOptions CallOptionsFor(const ValueMap& params, const QueryLimits& limits) {
  session::CallOptions options;
  options.parameters = params;
  options.timeout_seconds = limits.timeout_seconds;
  options.max_rows = limits.max_rows;
  options.scope = {limits.valid_at, limits.known_at, limits.as_of, limits.min_confidence};
  options.strict = limits.strict;
  return options;
}

}  // namespace

Cursor::Cursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Cursor::~Cursor() = default;
const std::vector<std::string>& Cursor::columns() const { return impl_->rows().columns(); }
const std::vector<Notification>& Cursor::notifications() const { return impl_->notifications(); }
const UpdateCounters& Cursor::counters() const { return impl_->rows().counters(); }
bool Cursor::Next() {
  if (impl_->rows().Next(&impl_->current())) return true;
  impl_->current().clear();
  return false;
}
Row Cursor::row() const { return Row(&impl_->current()); }

int QueryResult::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < table_.columns.size(); ++i)
    if (table_.columns[i] == name) return static_cast<int>(i);
  return -1;
}

std::string QueryResult::ToJson() const { return ResultTableToJson(table_); }

WriteTransaction::WriteTransaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WriteTransaction::~WriteTransaction() = default;

Result<EntityId> WriteTransaction::CreateEntity(std::vector<std::string> labels,
                                                PropertyMap properties) {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->CreateEntity(std::move(labels), std::move(properties));
}

Result<RelationId> WriteTransaction::CreateRelation(std::string type, EntityId start, EntityId end,
                                                    PropertyMap properties) {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->CreateRelation(std::move(type), start, end, std::move(properties));
}

Result<Entity> WriteTransaction::GetEntity(EntityId id) const {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->GetEntity(id);
}

Result<Relation> WriteTransaction::GetRelation(RelationId id) const {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->GetRelation(id);
}

Result<std::vector<EntityId>> WriteTransaction::FindByName(std::string_view name) const {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->FindByName(name);
}

Status WriteTransaction::UpdateEntity(const Entity& entity) {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->UpdateEntity(entity);
}

Status WriteTransaction::UpdateRelation(const Relation& relation) {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->UpdateRelation(relation);
}

Status WriteTransaction::DeleteEntity(EntityId id, bool detach) {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->DeleteEntity(id, detach);
}

Status WriteTransaction::DeleteRelation(RelationId id) {
  KG_ASSIGN_OR_RETURN(storage::Transaction * txn, impl_->Get());
  return txn->DeleteRelation(id);
}

Status WriteTransaction::Commit() { return impl_->Commit(); }

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 const DatabaseOptions& options) {
  session::OpenOptions open_options;
  open_options.read_only = options.read_only;
  open_options.create_if_missing = options.create_if_missing;
  open_options.ontology = options.ontology;
  KG_ASSIGN_OR_RETURN(std::unique_ptr<session::Session> session,
                      session::Session::Open(path, open_options));
  return std::unique_ptr<Database>(new Database(std::make_unique<Impl>(std::move(session))));
}

bool Database::read_only() const { return impl_->session().read_only(); }

Result<std::unique_ptr<Cursor>> Database::Stream(std::string_view text, const ValueMap& params,
                                                 const QueryLimits& limits) {
  KG_ASSIGN_OR_RETURN(std::unique_ptr<session::Cursor> rows,
                      impl_->session().Stream(text, CallOptionsFor(params, limits)));
  return std::unique_ptr<Cursor>(new Cursor(std::make_unique<Cursor::Impl>(std::move(rows))));
}

Result<QueryResult> Database::Query(std::string_view text, const ValueMap& params,
                                    const QueryLimits& limits) {
  KG_ASSIGN_OR_RETURN(std::unique_ptr<Cursor> cursor, Stream(text, params, limits));
  ResultTable table;
  table.columns = cursor->columns();
  std::vector<Notification> notifications = cursor->notifications();
  std::vector<Value> row;
  while (cursor->impl_->rows().Next(&row)) table.rows.push_back(std::move(row));
  return QueryResult(std::move(table), std::move(notifications), cursor->counters());
}

Result<std::unique_ptr<WriteTransaction>> Database::BeginWrite() {
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, impl_->session().BeginWrite());
  return std::unique_ptr<WriteTransaction>(
      new WriteTransaction(std::make_unique<WriteTransaction::Impl>(std::move(txn))));
}

Result<std::string> Database::Render(std::string_view text, const ValueMap& params,
                                     DiagramFormat format) {
  session::DrawRequest request;
  KG_ASSIGN_OR_RETURN(request.render.format, ToVizFormat(format));
  session::CallOptions options = CallOptionsFor(params, QueryLimits{});
  options.read_only_reason = "Render runs queries read-only; use Query to change data";
  KG_ASSIGN_OR_RETURN(session::Drawing drawing, impl_->session().Render(text, options, request));
  return std::move(drawing.rendering.data);
}

Result<DatabaseStats> Database::Stats() const {
  KG_ASSIGN_OR_RETURN(session::Stats s, impl_->session().GetStats());
  DatabaseStats out;
  out.entities = s.entities;
  out.relations = s.relations;
  out.entities_by_label = std::move(s.entities_by_label);
  out.relations_by_type = std::move(s.relations_by_type);
  out.ontology = std::move(s.ontology);
  return out;
}

Result<std::vector<std::string>> Database::Check() const { return impl_->session().Check(); }

namespace {
session::Scope DatedScope(const DatedOptions& options) {
  session::Scope scope;
  scope.known_at = options.known_at;
  scope.min_confidence = options.min_confidence;
  return scope;
}
}  // namespace

Result<kg::Timeline> Database::Timeline(std::string_view name, const DatedOptions& options,
                                        std::optional<Date> from, std::optional<Date> to) const {
  session::TimelineRequest request{std::string(name), options.types, from, to, DatedScope(options)};
  return impl_->session().GetTimeline(request);
}

Result<kg::Diff> Database::Diff(Date from, Date to, std::string_view name,
                                const DatedOptions& options) const {
  session::DiffRequest request{{from, to}, std::string(name), options.types, DatedScope(options)};
  return impl_->session().GetDiff(request);
}

}  // namespace kg
