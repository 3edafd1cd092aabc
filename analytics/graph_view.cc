// Building a GraphView: from a store snapshot (filtered by label, type and
// as-of date) or from hand-given edges, and the derived simple/undirected graphs.
#include <algorithm>
#include <cmath>
#include <string>

#include "analytics/internal/view_impl.h"
#include "storage/sources.h"

namespace kg::analytics {
namespace {

constexpr double kHopEpsilon = 0.001;    // per-hop cost added to confidence costs
constexpr double kStanceEpsilon = 0.01;  // keeps 1/|stance| finite
constexpr uint32_t kAbsent = UINT32_MAX;
constexpr size_t kDirectSlack = 1024;

double WeightOf(const Relation& relation, EdgeWeight weight) {
  switch (weight) {
    case EdgeWeight::kHops:
      return 1.0;
    case EdgeWeight::kConfidence:
      return 1.0 - std::clamp(relation.confidence().value_or(1.0), 0.0, 1.0) + kHopEpsilon;
    case EdgeWeight::kStance:
      return 1.0 / (kStanceEpsilon + std::fabs(relation.stance().value_or(0.0)));
  }
  return 1.0;
}

// Entity ids with one of `labels` (all entities when empty), ascending, unique.
Result<std::vector<EntityId>> CollectNodes(const storage::Transaction& txn,
                                           const std::vector<std::string>& labels) {
  std::vector<EntityId> ids;
  auto add = [&ids](EntityId id) {
    ids.push_back(id);
    return true;
  };
  if (labels.empty()) {
    KG_RETURN_IF_ERROR(txn.ScanEntities("", add));
  } else {
    for (const std::string& label : labels) KG_RETURN_IF_ERROR(txn.ScanEntities(label, add));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// Collects arcs of the kept relations; symmetric ones also as mirror arcs.
class ArcCollector {
 public:
  ArcCollector(const storage::Transaction& txn, const schema::Ontology& ontology,
               const GraphFilter& filter, EdgeWeight weight, const std::vector<EntityId>& ids)
      : txn_(txn), ontology_(ontology), filter_(filter), weight_(weight), ids_(ids) {
    IndexVertices();
  }

  // Each listed type is scanned once: a type given twice must not double its arcs.
  Status Scan() {
    auto fn = [this](const storage::EdgeTriple& e) { return Add(e); };
    if (filter_.types.empty()) return txn_.ScanEdges("", fn);
    std::vector<std::string> types = filter_.types;
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    for (const std::string& type : types) KG_RETURN_IF_ERROR(txn_.ScanEdges(type, fn));
    return status_;
  }
  const Status& status() const { return status_; }
  std::vector<Arc>& arcs() { return arcs_; }
  std::vector<ArcData>& data() { return data_; }

 private:
  // Dense ids (the usual case: counters) get a direct table, others binary search.
  void IndexVertices() {
    if (ids_.empty() || ids_.back() > 4 * ids_.size() + kDirectSlack) return;
    direct_.assign(ids_.back() + 1, kAbsent);
    for (uint32_t v = 0; v < ids_.size(); ++v) direct_[ids_[v]] = v;
  }

  std::optional<uint32_t> Vertex(EntityId id) const {
    if (!direct_.empty()) {
      if (id >= direct_.size() || direct_[id] == kAbsent) return std::nullopt;
      return direct_[id];
    }
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return std::nullopt;
    return static_cast<uint32_t>(it - ids_.begin());
  }

  // Type names are interned by the store (stable pointers), so a pointer
  // compare finds the cached answer; a new pointer asks the ontology once.
  bool Symmetric(std::string_view type) {
    for (const auto& [name, symmetric] : symmetric_)
      if (name.data() == type.data() && name.size() == type.size()) return symmetric;
    symmetric_.emplace_back(type, ontology_.IsSymmetric(type));
    return symmetric_.back().second;
  }

  bool Add(const storage::EdgeTriple& e) {
    std::optional<uint32_t> u = Vertex(e.start), v = Vertex(e.end);
    if (!u || !v) return true;
    double w = 1.0;
    if (weight_ == EdgeWeight::kHops && !filter_.relations.empty()) {
      // Only the filter reads the record: its clock is enough.
      Result<bool> accepted = txn_.RelationAccepted(e.relation, filter_.relations);
      if (!accepted.ok()) {
        status_ = accepted.status();
        return false;
      }
      if (!*accepted) return true;
    } else if (!filter_.relations.empty() || weight_ != EdgeWeight::kHops) {
      Result<Relation> relation = txn_.GetRelation(e.relation);
      if (!relation.ok()) {
        status_ = relation.status();
        return false;
      }
      if (!filter_.relations.Accepts(*relation)) return true;
      w = WeightOf(*relation, weight_);
    }
    arcs_.emplace_back(*u, *v);
    data_.push_back({w, e.relation, false});
    if (Symmetric(e.type)) {
      arcs_.emplace_back(*v, *u);
      data_.push_back({w, e.relation, true});
    }
    return true;
  }

  const storage::Transaction& txn_;
  const schema::Ontology& ontology_;
  const GraphFilter& filter_;
  EdgeWeight weight_;
  const std::vector<EntityId>& ids_;
  std::vector<std::pair<std::string_view, bool>> symmetric_;
  std::vector<uint32_t> direct_;
  std::vector<Arc> arcs_;
  std::vector<ArcData> data_;
  Status status_;
};

// "a, b, c" for an error message.
template <typename Defs>
std::string NameList(const Defs& defs) {
  std::string out;
  for (const auto& def : defs) out += (out.empty() ? "" : ", ") + def.name;
  return out;
}

}  // namespace

Status CheckLabels(const schema::Ontology& ontology, const std::vector<std::string>& labels) {
  if (ontology.is_open()) return Status::OK();
  for (const std::string& label : labels) {
    if (ontology.FindKind(label) == nullptr)
      return Status::InvalidArgument("unknown label '" + label +
                                     "'; known: " + NameList(ontology.kinds()));
  }
  return Status::OK();
}

Status CheckTypes(const schema::Ontology& ontology, const std::vector<std::string>& types) {
  if (ontology.is_open()) return Status::OK();
  for (const std::string& type : types) {
    if (ontology.FindType(type) == nullptr)
      return Status::InvalidArgument("unknown relation type '" + type +
                                     "'; known: " + NameList(ontology.relation_types()));
  }
  return Status::OK();
}

Status CheckFilter(const schema::Ontology& ontology, const GraphFilter& filter) {
  KG_RETURN_IF_ERROR(CheckLabels(ontology, filter.labels).WithPrefix("labels"));
  return CheckTypes(ontology, filter.types).WithPrefix("types");
}

GraphView::Impl::Impl(std::vector<EntityId> ids, std::vector<Arc> arcs, std::vector<ArcData> data)
    : ids_(std::move(ids)),
      csr_(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), data.begin(),
           static_cast<uint32_t>(ids_.size())) {}

std::optional<uint32_t> GraphView::Impl::vertex(EntityId id) const {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return std::nullopt;
  return static_cast<uint32_t>(it - ids_.begin());
}

Result<GraphView> GraphView::Build(const storage::Transaction& txn,
                                   const schema::Ontology& ontology, const GraphFilter& filter,
                                   EdgeWeight weight) {
  KG_RETURN_IF_ERROR(CheckFilter(ontology, filter));
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, CollectNodes(txn, filter.labels));
  GraphFilter with_sources = filter;
  KG_RETURN_IF_ERROR(storage::AddSourcePublished(txn, &with_sources.relations));
  if (!with_sources.relations.empty()) txn.KeepEdgeClocks();  // ScanEdges keeps their clocks
  ArcCollector collector(txn, ontology, with_sources, weight, ids);
  KG_RETURN_IF_ERROR(collector.Scan());
  KG_RETURN_IF_ERROR(collector.status());
  return GraphView(std::make_unique<Impl>(std::move(ids), std::move(collector.arcs()),
                                          std::move(collector.data())));
}

Result<GraphView> GraphView::FromEdges(std::vector<EntityId> nodes, std::vector<EdgeInput> edges) {
  std::sort(nodes.begin(), nodes.end());
  if (std::adjacent_find(nodes.begin(), nodes.end()) != nodes.end())
    return Status::InvalidArgument("node listed twice in the graph view");
  auto vertex = [&nodes](EntityId id) -> std::optional<uint32_t> {
    auto it = std::lower_bound(nodes.begin(), nodes.end(), id);
    if (it == nodes.end() || *it != id) return std::nullopt;
    return static_cast<uint32_t>(it - nodes.begin());
  };
  std::vector<Arc> arcs;
  std::vector<ArcData> data;
  for (const EdgeInput& e : edges) {
    std::optional<uint32_t> u = vertex(e.start), v = vertex(e.end);
    if (!u || !v)
      return Status::InvalidArgument("edge " + std::to_string(e.start) + "->" +
                                     std::to_string(e.end) + " names a node not in the view");
    if (!std::isfinite(e.weight) || e.weight < 0)
      return Status::InvalidArgument("edge weight must be finite and >= 0");
    arcs.emplace_back(*u, *v);
    data.push_back({e.weight, e.relation, false});
    if (e.symmetric) {
      arcs.emplace_back(*v, *u);
      data.push_back({e.weight, e.relation, true});
    }
  }
  return GraphView(std::make_unique<Impl>(std::move(nodes), std::move(arcs), std::move(data)));
}

GraphView::GraphView(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GraphView::GraphView(GraphView&&) noexcept = default;
GraphView& GraphView::operator=(GraphView&&) noexcept = default;
GraphView::~GraphView() = default;

size_t GraphView::num_nodes() const { return impl_->num_nodes(); }
size_t GraphView::num_arcs() const { return boost::num_edges(impl_->csr()); }
EntityId GraphView::id(uint32_t vertex) const { return impl_->ids()[vertex]; }
const std::vector<EntityId>& GraphView::ids() const { return impl_->ids(); }
std::optional<uint32_t> GraphView::vertex(EntityId id) const { return impl_->vertex(id); }

namespace internal {

std::vector<Arc> UndirectedLinks(const Csr& csr) {
  std::vector<Arc> links;
  links.reserve(boost::num_edges(csr));
  for (auto e : boost::make_iterator_range(boost::edges(csr))) {
    if (csr[e].mirror) continue;
    links.emplace_back(boost::source(e, csr), boost::target(e, csr));
  }
  return links;
}

PlainCsr SimpleGraph(const Csr& csr, bool symmetrize) {
  std::vector<Arc> arcs;
  arcs.reserve(boost::num_edges(csr) * (symmetrize ? 2 : 1));
  for (auto e : boost::make_iterator_range(boost::edges(csr))) {
    uint32_t u = boost::source(e, csr), v = boost::target(e, csr);
    if (u == v) continue;
    arcs.emplace_back(u, v);
    if (symmetrize) arcs.emplace_back(v, u);
  }
  std::sort(arcs.begin(), arcs.end());
  arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
  return PlainCsr(boost::edges_are_sorted, arcs.begin(), arcs.end(),
                  static_cast<uint32_t>(boost::num_vertices(csr)));
}

std::vector<int64_t> NumberGroupsBySize(const std::vector<uint32_t>& group) {
  const size_t n = group.size();
  std::vector<uint64_t> size(n, 0);
  std::vector<uint32_t> first(n, UINT32_MAX);
  for (uint32_t v = 0; v < n; ++v) {
    ++size[group[v]];
    first[group[v]] = std::min(first[group[v]], v);
  }
  std::vector<uint32_t> labels;
  for (uint32_t g = 0; g < n; ++g)
    if (size[g] > 0) labels.push_back(g);
  std::sort(labels.begin(), labels.end(), [&](uint32_t a, uint32_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<int64_t> number(n, 0);
  for (size_t i = 0; i < labels.size(); ++i) number[labels[i]] = static_cast<int64_t>(i);
  std::vector<int64_t> out(n);
  for (uint32_t v = 0; v < n; ++v) out[v] = number[group[v]];
  return out;
}

}  // namespace internal
}  // namespace kg::analytics
