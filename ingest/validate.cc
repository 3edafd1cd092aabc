// ValidateReview: the checks every candidate passes before it is applied,
// whether kg, an analyst's edit or an external extractor produced it.
#include <cmath>
#include <map>
#include <set>

#include "ingest/internal/extract.h"
#include "storage/quotes.h"

namespace kg::ingest {
namespace {

// Why the quote does not stand at its offsets, or "".
std::string QuoteProblem(const Review& r, const Candidate& c) {
  if (c.quote.empty()) return "empty quote";
  if (c.end <= r.text.size() && c.start <= c.end &&
      std::string_view(r.text).substr(c.start, c.end - c.start) == c.quote)
    return "";
  if (storage::FindQuote(r.text, c.quote)) return "";  // moved or retyped: still in the text
  return "quote is not in the source's text";
}

}  // namespace

std::vector<Refusal> ValidateReview(const storage::Transaction& txn,
                                    const schema::Ontology& ontology, const Review& review,
                                    bool only_accepted) {
  std::vector<Refusal> out;
  std::map<std::string, const Candidate*> entities;
  std::set<std::string> ids;
  for (const Candidate& c : review.candidates) {
    if (!ids.insert(c.id).second)
      out.push_back({c.line, c.id, "duplicate candidate id '" + c.id + "'"});
    if (c.kind == CandidateKind::kEntity) entities[c.id] = &c;
  }
  // An entity a relation or alias may use: an existing one, or a new one
  // that is itself applied.
  auto usable = [&](const std::string& id, std::string* why) -> const Candidate* {
    auto it = entities.find(id);
    if (it == entities.end()) {
      *why = "unknown entity candidate '" + id + "'";
      return nullptr;
    }
    const Candidate* e = it->second;
    if (!e->links_to && !(e->accept || !only_accepted)) {
      *why = "entity candidate '" + id + "' is neither linked nor accepted";
      return nullptr;
    }
    if (!e->links_to && !e->ambiguous.empty()) {
      *why = "entity candidate '" + id + "' is ambiguous; set its links_to";
      return nullptr;
    }
    return e;
  };
  for (const Candidate& c : review.candidates) {
    if (only_accepted && !c.accept) continue;
    auto refuse = [&](std::string why) { out.push_back({c.line, c.id, std::move(why)}); };
    if (c.source != review.source.id) {
      refuse("source '" + c.source + "' is not this review's source '" + review.source.id + "'");
      continue;
    }
    if (std::string q = QuoteProblem(review, c); !q.empty()) {
      refuse(q);
      continue;
    }
    if (!(c.confidence >= 0 && c.confidence <= 1)) refuse("confidence outside [0, 1]");
    switch (c.kind) {
      case CandidateKind::kEntity: {
        if (c.links_to) {
          // An I/O error is a refusal too (the review is not applied), never "absent".
          Result<bool> exists = txn.EntityExists(*c.links_to);
          if (!exists.ok())
            refuse("links_to " + std::to_string(*c.links_to) +
                   " could not be read: " + exists.status().message());
          else if (!*exists)
            refuse("links_to " + std::to_string(*c.links_to) + " is not an entity");
          break;
        }
        if (!c.ambiguous.empty()) {
          refuse("ambiguous entity: set links_to to one of its candidates or do not accept it");
          break;
        }
        if (c.name.empty()) refuse("entity without a name");
        if (!ontology.is_open() && !ontology.FindKind(c.label))
          refuse("label '" + c.label + "' is not a kind of the ontology");
        break;
      }
      case CandidateKind::kAlias: {
        std::string why;
        if (c.name.empty()) refuse("alias without a name");
        if (!usable(c.to, &why)) refuse(why);
        auto ids_named = txn.FindByName(c.name);
        if (ids_named.ok() && !ids_named->empty()) {
          const Candidate* e = entities.count(c.to) ? entities[c.to] : nullptr;
          if (!e || !e->links_to || (*ids_named)[0] != *e->links_to || ids_named->size() > 1)
            refuse("alias '" + c.name + "' already names another entity");
        }
        break;
      }
      case CandidateKind::kRelation: {
        const schema::RelationTypeDef* t = ontology.FindType(c.type);
        if (!ontology.is_open() && !t) {
          refuse("type '" + c.type + "' is not in the ontology");
          break;
        }
        std::string why;
        const Candidate* a = usable(c.from, &why);
        if (!a) refuse("from: " + why);
        const Candidate* b = usable(c.to, &why);
        if (!b) refuse("to: " + why);
        if (!a || !b) break;
        auto label = [&](const Candidate* e) {
          if (!e->links_to) return e->label;
          auto ent = txn.GetEntity(*e->links_to);
          return ent.ok() && !ent->labels.empty() ? ent->labels[0] : std::string();
        };
        if (!internal::TypeAllows(ontology, c.type, label(a), label(b)))
          refuse(c.type + " does not join " + label(a) + " to " + label(b));
        if (c.stance && t && !t->stance && !ontology.is_open())
          refuse("stance on " + c.type + ", which carries none");
        if (c.stance && !(std::fabs(*c.stance) <= 1)) refuse("stance outside [-1, 1]");
        break;
      }
    }
  }
  return out;
}

}  // namespace kg::ingest
