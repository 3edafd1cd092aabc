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

// The checks of one review, candidate by candidate.
class Checker {
 public:
  Checker(const storage::Transaction& txn, const schema::Ontology& ontology, const Review& review,
          bool only_accepted)
      : txn_(txn), ontology_(ontology), review_(review), only_accepted_(only_accepted) {
    std::set<std::string> ids;
    for (const Candidate& c : review.candidates) {
      if (!ids.insert(c.id).second)
        out_.push_back({c.line, c.id, "duplicate candidate id '" + c.id + "'"});
      if (c.kind == CandidateKind::kEntity) entities_[c.id] = &c;
    }
  }

  void Check(const Candidate& c) {
    if (only_accepted_ && !c.accept) return;
    if (c.source != review_.source.id) {
      Refuse(c,
             "source '" + c.source + "' is not this review's source '" + review_.source.id + "'");
      return;
    }
    if (std::string q = QuoteProblem(review_, c); !q.empty()) {
      Refuse(c, q);
      return;
    }
    if (!(c.confidence >= 0 && c.confidence <= 1)) Refuse(c, "confidence outside [0, 1]");
    switch (c.kind) {
      case CandidateKind::kEntity:
        CheckEntity(c);
        break;
      case CandidateKind::kAlias:
        CheckAlias(c);
        break;
      case CandidateKind::kRelation:
        CheckRelation(c);
        break;
    }
  }

  std::vector<Refusal> Take() { return std::move(out_); }

 private:
  void Refuse(const Candidate& c, std::string why) {
    out_.push_back({c.line, c.id, std::move(why)});
  }

  // An entity a relation or alias may use: an existing one, or a new one
  // that is itself applied.
  const Candidate* Usable(const std::string& id, std::string* why) const {
    auto it = entities_.find(id);
    if (it == entities_.end()) {
      *why = "unknown entity candidate '" + id + "'";
      return nullptr;
    }
    const Candidate* e = it->second;
    if (!e->links_to && !(e->accept || !only_accepted_)) {
      *why = "entity candidate '" + id + "' is neither linked nor accepted";
      return nullptr;
    }
    if (!e->links_to && !e->ambiguous.empty()) {
      *why = "entity candidate '" + id + "' is ambiguous; set its links_to";
      return nullptr;
    }
    return e;
  }

  void CheckEntity(const Candidate& c) {
    if (c.links_to) {
      // An I/O error is a refusal too (the review is not applied), never "absent".
      Result<bool> exists = txn_.EntityExists(*c.links_to);
      if (!exists.ok())
        Refuse(c, "links_to " + std::to_string(*c.links_to) +
                      " could not be read: " + exists.status().message());
      else if (!*exists)
        Refuse(c, "links_to " + std::to_string(*c.links_to) + " is not an entity");
      return;
    }
    if (!c.ambiguous.empty()) {
      Refuse(c, "ambiguous entity: set links_to to one of its candidates or do not accept it");
      return;
    }
    if (c.name.empty()) Refuse(c, "entity without a name");
    if (!ontology_.is_open() && !ontology_.FindKind(c.label))
      Refuse(c, "label '" + c.label + "' is not a kind of the ontology");
  }

  void CheckAlias(const Candidate& c) {
    std::string why;
    if (c.name.empty()) Refuse(c, "alias without a name");
    if (!Usable(c.to, &why)) Refuse(c, why);
    auto ids_named = txn_.FindByName(c.name);
    if (!ids_named.ok()) {
      // As for links_to: a read that failed refuses, never reads as "no such name".
      Refuse(c, "alias '" + c.name + "' could not be checked: " + ids_named.status().message());
      return;
    }
    if (ids_named->empty()) return;
    auto it = entities_.find(c.to);
    const Candidate* e = it == entities_.end() ? nullptr : it->second;
    if (!e || !e->links_to || (*ids_named)[0] != *e->links_to || ids_named->size() > 1)
      Refuse(c, "alias '" + c.name + "' already names another entity");
  }

  // The label a relation's end has: its candidate's, or the linked entity's first.
  std::string EndLabel(const Candidate* e) const {
    if (!e->links_to) return e->label;
    auto ent = txn_.GetEntity(*e->links_to);
    return ent.ok() && !ent->labels.empty() ? ent->labels[0] : std::string();
  }

  void CheckRelation(const Candidate& c) {
    const schema::RelationTypeDef* t = ontology_.FindType(c.type);
    if (!ontology_.is_open() && !t) {
      Refuse(c, "type '" + c.type + "' is not in the ontology");
      return;
    }
    std::string why;
    const Candidate* a = Usable(c.from, &why);
    if (!a) Refuse(c, "from: " + why);
    const Candidate* b = Usable(c.to, &why);
    if (!b) Refuse(c, "to: " + why);
    if (!a || !b) return;
    const std::string from_label = EndLabel(a), to_label = EndLabel(b);
    if (!internal::TypeAllows(ontology_, c.type, from_label, to_label))
      Refuse(c, c.type + " does not join " + from_label + " to " + to_label);
    if (c.stance && t && !t->stance && !ontology_.is_open())
      Refuse(c, "stance on " + c.type + ", which carries none");
    if (c.stance && !(std::fabs(*c.stance) <= 1)) Refuse(c, "stance outside [-1, 1]");
  }

  const storage::Transaction& txn_;
  const schema::Ontology& ontology_;
  const Review& review_;
  const bool only_accepted_;
  std::map<std::string, const Candidate*> entities_;
  std::vector<Refusal> out_;
};

}  // namespace

std::vector<Refusal> ValidateReview(const storage::Transaction& txn,
                                    const schema::Ontology& ontology, const Review& review,
                                    bool only_accepted) {
  Checker checker(txn, ontology, review, only_accepted);
  for (const Candidate& c : review.candidates) checker.Check(c);
  return checker.Take();
}

}  // namespace kg::ingest
