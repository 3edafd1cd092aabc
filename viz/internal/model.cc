// Building the drawing model from a subgraph (see model.h).
#include "viz/internal/model.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace kg::viz::internal {
namespace {

constexpr size_t kMaxTooltipRelations = 6;
constexpr size_t kMaxFootnoteSources = 3;
constexpr size_t kMaxFootnoteLine = 100;  // characters before sources go on separate lines

std::string FormatNumber(const char* format, double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), format, v);
  return buf;
}

std::string JoinLabels(const std::vector<std::string>& labels) {
  std::string out;
  for (const std::string& l : labels) out += (out.empty() ? "" : ":") + l;
  return out;
}

std::string NodeLabel(const Entity& e) {
  if (!e.name().empty()) return std::string(e.name());
  std::string kind = JoinLabels(e.labels);
  return (kind.empty() ? "" : kind + " ") + "#" + std::to_string(e.id);
}

std::string NodeTooltip(const Entity& e, const std::string& kind) {
  std::string tip = (kind.empty() ? "(no kind)" : kind) + ": " + NodeLabel(e);
  std::vector<std::string> aliases = e.aliases();
  if (!aliases.empty()) {
    tip += "\nAliases: ";
    for (size_t i = 0; i < aliases.size(); ++i) tip += (i ? ", " : "") + aliases[i];
  }
  return tip;
}

DrawNode MakeNode(const Entity& e) {
  DrawNode n;
  n.id = e.id;
  n.kind = JoinLabels(e.labels);
  n.label = NodeLabel(e);
  n.tooltip = NodeTooltip(e, n.kind);
  n.style = &StyleForEntity(e);
  return n;
}

DrawNode MakePlaceholder(EntityId id) {
  DrawNode n;
  n.id = id;
  n.label = "#" + std::to_string(id);
  n.tooltip = "entity #" + std::to_string(id) + " (not part of the result)";
  n.style = &DefaultNodeStyle();
  n.placeholder = true;
  return n;
}

std::string DateText(const Value* v) {
  if (v == nullptr) return "";
  if (v->is_date()) return v->as_date().ToString();
  if (v->is_string()) return v->as_string();
  return "";
}

// One relation's paragraph of an edge tooltip.
std::string RelationTooltip(const Relation& r, const std::map<EntityId, const DrawNode*>& nodes) {
  const auto name = [&](EntityId id) { return nodes.at(id)->label; };
  std::string tip = name(r.start) + " \u2014" + r.type + "\u2192 " + name(r.end);
  if (auto s = r.stance()) tip += " (stance " + FormatNumber("%+.2f", *s) + ")";
  if (auto c = r.confidence()) tip += " (confidence " + FormatNumber("%.2f", *c) + ")";
  std::string_view quote = r.StringProperty(kQuoteKey);
  if (!quote.empty()) tip += "\n\u201C" + std::string(quote) + "\u201D";
  std::string cite;
  for (std::string part : {std::string(r.StringProperty(kSpeakerKey)),
                           std::string(r.StringProperty(kSourceKey)), DateText(r.Find(kDateKey))}) {
    if (!part.empty()) cite += (cite.empty() ? "" : " \u00B7 ") + part;
  }
  if (!cite.empty()) tip += "\n\u2014 " + cite;
  auto from = r.valid_from();
  auto to = r.valid_to();
  if (from || to) {
    tip += "\nValid " + (from ? from->ToString() : std::string("\u2026")) + " to " +
           (to ? to->ToString() : std::string("\u2026"));
  }
  return tip;
}

std::string EdgeTooltip(const std::vector<const Relation*>& rels,
                        const std::map<EntityId, const DrawNode*>& nodes) {
  std::string tip;
  for (size_t i = 0; i < rels.size() && i < kMaxTooltipRelations; ++i) {
    tip += (i ? "\n\n" : "") + RelationTooltip(*rels[i], nodes);
  }
  if (rels.size() > kMaxTooltipRelations) {
    tip += "\n\n\u2026 and " + std::to_string(rels.size() - kMaxTooltipRelations) + " more";
  }
  return tip;
}

// Groups relations into drawn edges: a symmetric type merges per unordered
// pair; with merge_parallel, any other type per ordered pair; otherwise each
// relation is its own edge. Groups are ordered by their lowest relation id.
std::vector<std::vector<const Relation*>> GroupRelations(const Subgraph& graph,
                                                         const RenderOptions& options) {
  std::vector<const Relation*> sorted;
  for (const Relation& r : graph.relations) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(),
            [](const Relation* a, const Relation* b) { return a->id < b->id; });
  std::vector<std::vector<const Relation*>> groups;
  std::map<std::tuple<std::string, EntityId, EntityId>, size_t> group_of;
  std::set<RelationId> seen;
  for (const Relation* r : sorted) {
    if (!seen.insert(r->id).second) continue;
    // In a star (a root is set) one edge per neighbour and type reads best:
    // opposite directions of a type merge too (the edge then points both
    // ways; the tooltip gives each relation's direction).
    bool unordered = options.symmetric_types.contains(r->type) ||
                     (options.root.has_value() && options.merge_parallel);
    if (!unordered && !options.merge_parallel) {
      groups.push_back({r});
      continue;
    }
    // A star's edge stands for every relation between the centre and a
    // neighbour: one strand per type (see Strands).
    std::string type = options.root.has_value() && options.merge_parallel ? "" : r->type;
    auto key = unordered
                   ? std::make_tuple(type, std::min(r->start, r->end), std::max(r->start, r->end))
                   : std::make_tuple(type, r->start, r->end);
    auto [it, inserted] = group_of.emplace(key, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(r);
  }
  return groups;
}

// The style of a merged edge: the family from the type and the mean stance
// of the relations that have one; the width from how many relations (each a
// quoted passage) back the edge; dashed only when no relation is valid at
// the as-of date.
EdgeStyle MergedStyle(const std::vector<const Relation*>& rels, bool symmetric,
                      std::optional<Date> as_of) {
  double stance_sum = 0;
  size_t stances = 0;
  bool dashed = true;
  for (const Relation* r : rels) {
    if (auto s = r->stance()) stance_sum += *s, ++stances;
    dashed = dashed && StyleForRelation(*r, symmetric, as_of).dashed;
  }
  std::optional<double> stance;
  if (stances > 0) stance = stance_sum / static_cast<double>(stances);
  EdgeStyle style;
  style.family = FamilyFor(rels.front()->type, stance);
  style.color = ColorForFamily(style.family);
  style.penwidth = QuotePenWidth(rels.size());
  style.dashed = dashed;
  style.symmetric = symmetric;
  return style;
}

// The relations of one drawn edge split by type, most quotes first (then
// by type name), each styled as MergedStyle does.
std::vector<Strand> Strands(const std::vector<const Relation*>& rels, bool symmetric,
                            std::optional<Date> as_of) {
  std::map<std::string, std::vector<const Relation*>> by_type;
  for (const Relation* r : rels) by_type[r->type].push_back(r);
  std::vector<Strand> strands;
  for (const auto& [type, group] : by_type) {
    strands.push_back({type, group.size(), MergedStyle(group, symmetric, as_of)});
  }
  std::stable_sort(strands.begin(), strands.end(),
                   [](const Strand& a, const Strand& b) { return a.quotes > b.quotes; });
  return strands;
}

// A diff drawing's edge: added when one of its relations was added, else
// ended when one ended (then dashed), else unchanged; every strand takes
// the change's colour.
void ApplyChange(const std::vector<const Relation*>& rels, const DiffMarks& diff, DrawEdge* e) {
  bool added = false, ended = false;
  for (const Relation* r : rels) {
    auto it = diff.changes.find(r->id);
    Change c = it == diff.changes.end() ? Change::kUnchanged : it->second;
    added = added || c == Change::kAdded;
    ended = ended || c == Change::kEnded;
  }
  e->change = added ? Change::kAdded : ended ? Change::kEnded : Change::kUnchanged;
  std::string_view color = added ? kAddedColor : ended ? kEndedColor : kUnchangedColor;
  e->style.color = color;
  e->style.dashed = *e->change == Change::kEnded;
  for (Strand& s : e->strands) {
    s.style.color = color;
    s.style.dashed = e->style.dashed;
  }
}

// `large`: the drawing will carry no edge tooltips (build.cc), so none is
// written (quoting 3,800 relations of a 200-node view took a tenth of its
// drawing's time).
DrawEdge MakeEdge(const std::vector<const Relation*>& rels, const RenderOptions& options,
                  const std::map<EntityId, const DrawNode*>& nodes, bool large) {
  const Relation& first = *rels.front();
  bool symmetric = options.symmetric_types.contains(first.type);
  DrawEdge e;
  e.key = "r" + std::to_string(first.id);
  e.tail = symmetric ? std::min(first.start, first.end) : first.start;
  e.head = symmetric ? std::max(first.start, first.end) : first.end;
  e.strands = Strands(rels, symmetric, options.as_of);
  // A star's edge may hold several types: symmetric only when all are.
  for (const Strand& s : e.strands)
    symmetric = symmetric && options.symmetric_types.contains(s.type);
  // It runs from the first relation's start, both ways when the merged
  // relations disagree.
  for (const Relation* r : rels) {
    e.both_ways = e.both_ways || (!symmetric && r->start != first.start && r->end != first.end);
  }
  e.type = e.strands.front().type;
  for (const Strand& s : e.strands) {
    e.label += (e.label.empty() ? "" : "\n") + s.type;
    if (s.quotes > 1) e.label += " \u00D7" + std::to_string(s.quotes);
  }
  if (!large) e.tooltip = EdgeTooltip(rels, nodes);
  e.style = MergedStyle(rels, symmetric, options.as_of);
  e.style.family = e.strands.front().style.family;
  e.style.color = e.strands.front().style.color;
  // Parallel strands share the width, so that together they stay about as
  // wide as the quotes behind the edge.
  e.style.penwidth = std::max(1.0, e.style.penwidth / static_cast<double>(e.strands.size()));
  for (const Relation* r : rels) e.relations.push_back(r->id);
  if (options.diff) ApplyChange(rels, *options.diff, &e);
  return e;
}

// In a large drawing only the best-connected nodes keep their names: the
// kLargeGraphLabels with the most drawn edges. Nodes tied at that cut are
// all left unlabelled, so a name is never picked among equals (typically
// the many degree-1 leaves). When the tie reaches the top, so that this
// would name nobody, the first kLargeGraphLabels by (degree, name, id) keep
// their names.
void ThinLabels(DrawModel* model) {
  std::vector<DrawNode*> order;
  for (DrawNode& n : model->nodes) order.push_back(&n);
  std::sort(order.begin(), order.end(), [](const DrawNode* a, const DrawNode* b) {
    return std::tie(b->degree, a->label, a->id) < std::tie(a->degree, b->label, b->id);
  });
  size_t keep = std::min(kLargeGraphLabels, order.size());
  if (keep < order.size()) {
    size_t cut_degree = order[keep]->degree;
    size_t kept = keep;
    while (kept > 0 && order[kept - 1]->degree == cut_degree) --kept;
    if (kept > 0) keep = kept;
  }
  for (size_t i = keep; i < order.size(); ++i) order[i]->label.clear();
  for (DrawEdge& e : model->edges) e.label.clear();
}

// Sets each node's scale from the scores (see RenderOptions::node_scores)
// and appends the score to its tooltip.
void ApplyScores(const RenderOptions& options, DrawModel* model) {
  if (options.node_scores.empty()) return;
  bool any = false;
  double lo = 0.0;
  double hi = 0.0;
  for (const DrawNode& n : model->nodes) {
    auto it = options.node_scores.find(n.id);
    if (it == options.node_scores.end()) continue;
    lo = any ? std::min(lo, it->second) : it->second;
    hi = any ? std::max(hi, it->second) : it->second;
    any = true;
  }
  for (DrawNode& n : model->nodes) {
    n.scale = 1.0;
    auto it = options.node_scores.find(n.id);
    if (it == options.node_scores.end()) continue;
    if (hi > lo) n.scale += (kMaxScoreScale - 1.0) * (it->second - lo) / (hi - lo);
    n.tooltip += "\n" + options.score_name + ": " + FormatNumber("%.6g", it->second);
  }
}

LegendEntries CollectLegend(const DrawModel& model) {
  LegendEntries legend;
  std::set<std::string_view> kinds;
  bool other = false;
  for (const DrawNode& n : model.nodes) {
    if (n.style->kind.empty()) other = true;
    kinds.insert(n.style->kind);
  }
  size_t count = 0;
  const NodeStyle* styled = StyledKinds(&count);
  for (size_t i = 0; i < count; ++i) {
    if (kinds.contains(styled[i].kind)) legend.kinds.push_back(&styled[i]);
  }
  if (other) legend.kinds.push_back(&DefaultNodeStyle());
  std::set<Family> families;
  for (const DrawEdge& e : model.edges) {
    for (const Strand& s : e.strands) families.insert(s.style.family);
    legend.symmetric = legend.symmetric || e.style.symmetric;
    legend.dashed = legend.dashed || e.style.dashed;
  }
  legend.families.assign(families.begin(), families.end());
  return legend;
}

Status CheckSize(size_t nodes) {
  if (nodes == 0) {
    return Status::InvalidArgument(
        "nothing to draw: the result contains no nodes or relationships");
  }
  if (nodes > kMaxNodes) {
    return Status::InvalidArgument(
        "too many nodes to draw: " + std::to_string(nodes) + " (the limit is " +
        std::to_string(kMaxNodes) +
        "); narrow the query: add LIMIT, filter by kind or relation type "
        "(e.g. MATCH (a:Company)-[r:COMPETES_WITH]-(b)), or use ego --depth 1 --max-nodes N");
  }
  return Status::OK();
}

}  // namespace

std::string Footnote(const std::vector<const Relation*>& relations, const RenderOptions& options) {
  std::set<std::string> sources;
  std::set<std::string> dates;
  for (const Relation* r : relations) {
    std::string_view s = r->StringProperty(kSourceKey);
    if (s.empty()) continue;
    auto title = options.source_titles.find(s);
    sources.insert(title == options.source_titles.end() ? std::string(s) : title->second);
    std::string d = DateText(r->Find(kDateKey));
    if (!d.empty()) dates.insert(d);
  }
  // Titles are long: several go on lines of their own when they would make
  // the footnote wider than a page.
  std::string joined;
  size_t i = 0;
  for (const std::string& s : sources) {
    if (i == kMaxFootnoteSources) {
      joined += " and " + std::to_string(sources.size() - i) + " more";
      break;
    }
    joined += (i++ ? "\x1F" : "") + s;
  }
  const char* separator = joined.size() > kMaxFootnoteLine ? "\n" : "; ";
  std::string text = "Source: ";
  if (sources.empty()) text += "kg";
  for (char c : joined) text += c == '\x1F' ? std::string(separator) : std::string(1, c);
  if (!dates.empty()) {
    text += " \u00B7 " + *dates.begin();
    if (dates.size() > 1) text += " to " + *dates.rbegin();
  }
  if (options.as_of) text += " \u00B7 as of " + options.as_of->ToString();
  if (options.diff) {
    text += " \u00B7 changes from " + options.diff->from.ToString() + " to " +
            options.diff->to.ToString();
  }
  return text;
}

Result<DrawModel> BuildModel(const Subgraph& graph, const RenderOptions& options) {
  std::map<EntityId, DrawNode> nodes;
  for (const Entity& e : graph.nodes) nodes.emplace(e.id, MakeNode(e));
  for (const Relation& r : graph.relations) {
    for (EntityId id : {r.start, r.end}) {
      if (!nodes.contains(id)) nodes.emplace(id, MakePlaceholder(id));
    }
  }
  KG_RETURN_IF_ERROR(CheckSize(nodes.size()));
  std::map<EntityId, const DrawNode*> by_id;
  for (const auto& [id, n] : nodes) by_id.emplace(id, &n);

  DrawModel model;
  model.large = nodes.size() > kLargeGraphNodes;
  std::vector<const Relation*> all;
  for (const auto& group : GroupRelations(graph, options)) {
    model.edges.push_back(MakeEdge(group, options, by_id, model.large));
    ++nodes.at(model.edges.back().tail).degree;
    ++nodes.at(model.edges.back().head).degree;
    all.insert(all.end(), group.begin(), group.end());
  }
  for (auto& [id, n] : nodes) model.nodes.push_back(std::move(n));
  model.dense = !model.large &&
                (model.nodes.size() > kDenseGraphNodes || model.edges.size() > kDenseGraphEdges);
  if (model.large) ThinLabels(&model);
  for (const DrawNode& n : model.nodes) model.labelled_nodes += n.label.empty() ? 0 : 1;
  ApplyScores(options, &model);
  model.legend = CollectLegend(model);
  if (!options.node_scores.empty()) model.legend.size_by = options.score_name;
  if (options.diff) {
    model.legend.diff = true;
    model.legend.families.clear();
    model.legend.dashed = false;
  }
  model.footnote = Footnote(all, options);
  return model;
}

}  // namespace kg::viz::internal
