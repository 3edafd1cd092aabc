// The public Database / QueryResult API over storage::Store and query::Run.
#include "kg/database.h"

#include <utility>

#include "core/json.h"
#include "query/query.h"
#include "schema/ontology.h"
#include "storage/store.h"
#include "viz/render.h"

namespace kg {

class Database::Impl {
 public:
  explicit Impl(std::unique_ptr<storage::Store> store) : store_(std::move(store)) {}
  storage::Store& store() { return *store_; }
  const storage::Store& store() const { return *store_; }

 private:
  std::unique_ptr<storage::Store> store_;
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

}  // namespace

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
  storage::OpenOptions open_options;
  open_options.read_only = options.read_only;
  auto store = storage::Store::Open(path, open_options);
  if (!store.ok() && store.status().code() == StatusCode::kNotFound && options.create_if_missing) {
    KG_ASSIGN_OR_RETURN(schema::Ontology ontology, schema::Ontology::Load(options.ontology));
    KG_RETURN_IF_ERROR(storage::Store::Create(path, ontology));
    store = storage::Store::Open(path, open_options);
  }
  if (!store.ok()) return store.status();
  return std::unique_ptr<Database>(new Database(std::make_unique<Impl>(std::move(store).value())));
}

bool Database::read_only() const { return impl_->store().read_only(); }

Result<QueryResult> Database::Query(std::string_view text, const ValueMap& params,
                                    const QueryLimits& limits) {
  query::QueryOptions options;
  options.parameters = params;
  options.timeout_seconds = limits.timeout_seconds;
  if (limits.max_rows > 0) options.max_rows = limits.max_rows;
  KG_ASSIGN_OR_RETURN(ResultTable table, query::Run(impl_->store(), text, options));
  return QueryResult(std::move(table));
}

Result<std::unique_ptr<WriteTransaction>> Database::BeginWrite() {
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, impl_->store().BeginWrite());
  return std::make_unique<WriteTransaction>(
      std::make_unique<WriteTransaction::Impl>(std::move(txn)));
}

Result<std::string> Database::Render(std::string_view text, const ValueMap& params,
                                     DiagramFormat format) {
  KG_ASSIGN_OR_RETURN(QueryResult result, Query(text, params));
  KG_ASSIGN_OR_RETURN(Subgraph graph, query::ResultSubgraph(impl_->store(), result.table()));
  if (graph.empty())
    return Status::InvalidArgument("the query returned no nodes or relationships to draw");
  viz::RenderOptions options;
  KG_ASSIGN_OR_RETURN(options.format, ToVizFormat(format));
  for (const auto& type : impl_->store().ontology().relation_types())
    if (type.symmetric) options.symmetric_types.insert(type.name);
  KG_ASSIGN_OR_RETURN(viz::Rendering rendering, viz::Render(graph, options));
  return std::move(rendering.data);
}

Result<DatabaseStats> Database::Stats() const {
  KG_ASSIGN_OR_RETURN(storage::StoreStats s, impl_->store().Stats());
  DatabaseStats out;
  out.entities = s.entities;
  out.relations = s.relations;
  out.entities_by_label = std::move(s.entities_by_label);
  out.relations_by_type = std::move(s.relations_by_type);
  out.ontology = std::move(s.ontology);
  return out;
}

Result<std::vector<std::string>> Database::Check() const { return impl_->store().Check(); }

}  // namespace kg
