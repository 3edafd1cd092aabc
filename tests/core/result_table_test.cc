#include "core/result_table.h"

#include <gtest/gtest.h>

#include <memory>

namespace kg {
namespace {

Value Node(EntityId id) {
  auto e = std::make_shared<Entity>();
  e->id = id;
  return Value(std::shared_ptr<const Entity>(e));
}

Value Rel(RelationId id, EntityId s, EntityId t) {
  auto r = std::make_shared<Relation>();
  r->id = id;
  r->start = s;
  r->end = t;
  return Value(std::shared_ptr<const Relation>(r));
}

TEST(CollectSubgraphTest, FindsElementsInsideListsMapsAndPaths) {
  auto p = std::make_shared<Path>();
  p->nodes = {Node(1).as_node(), Node(2).as_node()};
  p->rels = {Rel(10, 1, 2).as_relationship()};
  ResultTable t;
  t.columns = {"a", "b"};
  t.rows.push_back(
      {Value(ValueList{Node(3), Rel(11, 3, 4)}), Value(std::shared_ptr<const Path>(p))});
  t.rows.push_back({Value(ValueMap{{"k", Node(1)}}), Value(5)});
  std::set<EntityId> missing;
  Subgraph g = CollectSubgraph(t, &missing);
  ASSERT_EQ(g.nodes.size(), 3u);
  EXPECT_EQ(g.nodes[0].id, 1u);
  EXPECT_EQ(g.nodes[2].id, 3u);
  ASSERT_EQ(g.relations.size(), 2u);
  EXPECT_EQ(missing, std::set<EntityId>{4});
}

}  // namespace
}  // namespace kg
