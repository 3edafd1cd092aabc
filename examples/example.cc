// A small program using the installed kg library: create a database, write a
// few entities in a transaction, stream a query's rows through a cursor,
// query them with a parameter and draw them.
//   kg_example DIR
#include <kg/kg.h>

#include <iostream>

namespace {

kg::Status Run(const std::string& dir) {
  kg::DatabaseOptions options;
  options.create_if_missing = true;
  KG_ASSIGN_OR_RETURN(std::unique_ptr<kg::Database> db, kg::Database::Open(dir, options));

  // A write transaction lands whole at Commit() or not at all.
  KG_ASSIGN_OR_RETURN(auto txn, db->BeginWrite());
  KG_ASSIGN_OR_RETURN(kg::EntityId nvidia, txn->CreateEntity({"Company"}, {{"name", "NVIDIA"}}));
  KG_ASSIGN_OR_RETURN(kg::EntityId huawei, txn->CreateEntity({"Company"}, {{"name", "Huawei"}}));
  KG_ASSIGN_OR_RETURN(kg::EntityId amd, txn->CreateEntity({"Company"}, {{"name", "AMD"}}));
  KG_RETURN_IF_ERROR(txn->CreateRelation("COMPETES_WITH", nvidia, huawei, {}).status());
  KG_RETURN_IF_ERROR(txn->CreateRelation("COMPETES_WITH", nvidia, amd, {}).status());
  KG_RETURN_IF_ERROR(txn->Commit());

  const char* query =
      "MATCH (a:Company {name: $name})-[r:COMPETES_WITH]-(b) RETURN a.name, b, r ORDER BY b.name";
  // A cursor hands the rows out one at a time.
  KG_ASSIGN_OR_RETURN(std::unique_ptr<kg::Cursor> cursor, db->Stream(query, {{"name", "NVIDIA"}}));
  size_t streamed = 0;
  while (cursor->Next()) {
    kg::Row row = cursor->row();
    const kg::Entity& rival = row[1].as_node();
    std::cout << row[0].as_string() << " competes with " << rival.name() << " (relationship #"
              << row[2].as_relationship().id << ")\n";
    ++streamed;
  }
  std::cout << "streamed " << streamed << " rows\n";

  // Query() is the materialising convenience: every row at once.
  KG_ASSIGN_OR_RETURN(kg::QueryResult result, db->Query(query, {{"name", "NVIDIA"}}));
  std::cout << "rows: " << result.size() << "\n";

  KG_ASSIGN_OR_RETURN(std::string dot,
                      db->Render(query, {{"name", "NVIDIA"}}, kg::DiagramFormat::kDot));
  std::cout << dot.substr(0, dot.find('\n')) << "\n";
  return kg::Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kg_example DIR\n";
    return 2;
  }
  kg::Status status = Run(argv[1]);
  if (!status.ok()) {
    std::cerr << "kg_example: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
