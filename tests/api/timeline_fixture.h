// The H20 story in miniature, for the timeline and diff tests of every
// front (tests/api, tests/cli, tests/server): a ban with a validity
// interval said in April, an approval said in July, two events linked to
// the H20 (one with a start and an end, one on a day), an event whose
// start is not a date, a stance that changed, a statement Jensen Huang made
// about others, and two source records.
#pragma once

#include <string>

namespace kg::testing {

inline constexpr char kTimelineSeed[] =
    "CREATE (us:Organization {name: 'U.S. government', aliases: ['USG']}), "
    "(h:Product {name: 'H20'}), (n:Company {name: 'NVIDIA'}), "
    "(j:Person {name: 'Jensen Huang'}), (hw:Company {name: 'Huawei'}), "
    "(x:Company {name: 'Xiaomi'}), "
    "(ban:Event {name: 'H20 ban', start: date('2025-04-01'), end: date('2025-07-14')}), "
    "(expo:Event {name: 'Supply chain expo', start: '2025-07-16'}), "
    "(vague:Event {name: 'Vague event', start: 'spring'}), "
    "(us)-[:RESTRICTS {valid_from: date('2025-04-01'), valid_to: date('2025-07-14'), "
    "date: date('2025-04-02'), quote: 'The U.S. banned the H20.', speaker: 'Reporter', "
    "source: 's1'}]->(h), "
    "(us)-[:APPROVES {valid_from: date('2025-07-15'), date: date('2025-07-16'), "
    "quote: 'The U.S. will approve licences.', speaker: 'Jensen Huang', source: 's2', "
    "confidence: 0.6}]->(h), "
    "(n)-[:MAKES {quote: 'NVIDIA makes the H20.'}]->(h), "
    "(ban)-[:INVOLVES {quote: 'the ban on the H20'}]->(h), "
    "(vague)-[:INVOLVES]->(h), "
    "(h)-[:ANNOUNCED_AT {date: date('2025-07-16'), quote: 'shown at the expo'}]->(expo), "
    "(j)-[:PRAISES {stance: 0.3, date: date('2025-03-01'), quote: 'Huawei is decent.'}]->(hw), "
    "(j)-[:PRAISES {stance: 0.9, date: date('2025-07-16'), quote: 'Huawei is formidable.', "
    "speaker: 'Jensen Huang'}]->(hw), "
    "(n)-[:SUPPLIES {speaker: 'Jensen Huang', date: date('2025-07-16'), "
    "quote: 'We supply Xiaomi.'}]->(x)";

// The records of the seed's sources: {id, published, title, publisher, text}.
struct SeedSource {
  const char* id;
  const char* published;
  const char* title;
  const char* publisher;
  const char* text;
};
inline constexpr SeedSource kTimelineSources[] = {
    {"s1", "2025-04-02", "Ban on the H20", "Wire", "The U.S. banned the H20."},
    {"s2", "2025-07-16", "Licences for the H20", "Daily", "The U.S. will approve licences."},
};

}  // namespace kg::testing
