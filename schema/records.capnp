# Stored records of the kg graph store. Field numbers are the on-disk format:
# add fields at the end, never renumber (bump the store's format version when
# a change is not backward compatible).
@0xb3c9f0a2d4e61f57;

$import "/capnp/c++.capnp".namespace("kg::schema::capnp");

struct PropertyValue {
  union {
    null @0 :Void;
    bool @1 :Bool;
    int @2 :Int64;
    double @3 :Float64;
    text @4 :Text;
    date @5 :Int32;          # days since 1970-01-01
    list @6 :List(PropertyValue);
    time @7 :TimeValue;      # LOCAL/ZONED TIME and DATETIME (core/temporal.h)
    duration @8 :DurationValue;
  }
  # With `date`: 0 day, 1 ISO week, 2 month, 3 year (core/date.h), the date
  # being the first day of the period. Records written before it read 0: a day.
  datePrecision @9 :UInt8;
}

struct TimeValue {
  kind @0 :UInt8;          # 0 local time, 1 time, 2 local datetime, 3 datetime
  seconds @1 :Int64;       # local: of the day, or since 1970-01-01T00:00
  nanos @2 :Int32;
  offset @3 :Int32;        # seconds east of UTC
  zone @4 :Text;           # tz database name, empty for a fixed offset
}

struct DurationValue {
  months @0 :Int64;
  days @1 :Int64;
  seconds @2 :Int64;
  nanos @3 :Int32;
}

struct Property {
  key @0 :Text;
  value @1 :PropertyValue;
}

struct EntityRecord {
  id @0 :UInt64;
  labels @1 :List(Text);
  properties @2 :List(Property);   # sorted by key
  # The `:ID` of the CSV row it was imported from (null when it was not
  # imported): exports give it back (docs/import-export.md). Kept by updates.
  importId @3 :Text;
}

struct RelationRecord {
  id @0 :UInt64;
  type @1 :Text;
  start @2 :UInt64;
  end @3 :UInt64;
  properties @4 :List(Property);   # sorted by key
}
