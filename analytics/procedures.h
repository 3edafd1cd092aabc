// The analytics algorithms as openCypher procedures for CALL ... YIELD:
//   CALL kg.pagerank([config]) YIELD node, score
//   CALL kg.betweenness([config]) YIELD node, score
//   CALL kg.degree([config]) YIELD node, score
//   CALL kg.components([config]) YIELD node, component
//   CALL kg.scc([config]) YIELD node, component
//   CALL kg.communities([config]) YIELD node, community
// `config` is an optional map (Neo4j GDS style): labels, types (lists of
// strings), validAt, knownAt, asOf (= both; dates or 'YYYY-MM-DD'),
// minConfidence (0..1), and per algorithm iterations,
// damping (pagerank), directed, normalized (betweenness), direction
// ('in'|'out'|'both', degree), seed (communities). Unknown keys, wrong
// types, iterations/seed that are not whole numbers in range, and (unless the
// store's ontology is open) unknown labels or types are ArgumentError.
// The statement's relation filter (QueryOptions::relations, through
// ProcedureContext) applies; each config key replaces its part of it.
// Rows come best first (groups: by group number).
// Kept apart from kg_analytics (library kg_analytics_procedures) so that the
// algorithms do not depend on the query engine.
#pragma once

#include <functional>

#include "core/result.h"
#include "query/procedures.h"
#include "schema/ontology.h"

namespace kg::analytics {

// Asked at each call for the ontology of the store being queried (its
// symmetric types become two arcs); nullptr = no type is symmetric. A
// callback because a statement is often prepared before the store is open.
using OntologyFn = std::function<const schema::Ontology*()>;

// Registers the six procedures. AlreadyExists when a name is taken.
Status RegisterProcedures(OntologyFn ontology, query::ProcedureRegistry* registry);
// The same for one known store's ontology, which must outlive the registry.
Status RegisterProcedures(const schema::Ontology& ontology, query::ProcedureRegistry* registry);

}  // namespace kg::analytics
