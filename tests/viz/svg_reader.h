// Test helper: parses SVG with libxml2 (a real XML parser, so malformed
// output fails) and extracts the texts, titles (tooltips) and attributes
// the viz tests look at.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kg::viz::testing {

struct SvgElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // namespaced ones as "xlink:title"
  std::string text;                               // concatenated direct text
  std::string group_id;                           // id of the nearest <g id=...> ancestor
};

struct SvgDocument {
  bool well_formed = false;
  std::string error;
  std::vector<SvgElement> elements;  // document order

  std::vector<std::string> Texts() const {
    std::vector<std::string> out;
    for (const SvgElement& e : elements) {
      if (e.name == "text") out.push_back(e.text);
    }
    return out;
  }
  // Texts of the <text> elements inside the group with this id, in order.
  std::vector<std::string> TextsIn(std::string_view group) const {
    std::vector<std::string> out;
    for (const SvgElement& e : elements) {
      if (e.name == "text" && e.group_id == group) out.push_back(e.text);
    }
    return out;
  }
  // The first element with this name inside the group (or nullptr).
  const SvgElement* Find(std::string_view group, std::string_view name) const {
    for (const SvgElement& e : elements) {
      if (e.group_id == group && e.name == name) return &e;
    }
    return nullptr;
  }
};

namespace svg_internal {

inline std::string ToString(const xmlChar* s) {
  return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
}

inline void Walk(xmlNode* node, std::string group, SvgDocument* doc) {
  for (xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    SvgElement e;
    e.name = ToString(n->name);
    for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      std::string key = ToString(a->name);
      if (a->ns && a->ns->prefix) key = ToString(a->ns->prefix) + ":" + key;
      xmlChar* value = xmlNodeListGetString(n->doc, a->children, 1);
      e.attributes[key] = ToString(value);
      xmlFree(value);
    }
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE) e.text += ToString(c->content);
    }
    std::string inner = group;
    if (e.name == "g" && e.attributes.count("id") && e.attributes["id"].rfind("a_", 0) != 0) {
      inner = e.attributes["id"];
    }
    e.group_id = group;
    doc->elements.push_back(e);
    Walk(n->children, inner, doc);
  }
}

}  // namespace svg_internal

inline SvgDocument ParseSvg(const std::string& data) {
  SvgDocument doc;
  xmlDoc* xml = xmlReadMemory(data.data(), static_cast<int>(data.size()), "diagram.svg", "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xml == nullptr) {
    const xmlError* err = xmlGetLastError();
    doc.error = err && err->message ? err->message : "unknown XML error";
    return doc;
  }
  doc.well_formed = true;
  svg_internal::Walk(xmlDocGetRootElement(xml), "", &doc);
  xmlFreeDoc(xml);
  return doc;
}

}  // namespace kg::viz::testing
