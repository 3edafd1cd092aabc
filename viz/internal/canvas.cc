// The canvas renderer (canvas.h): Graphviz's emitter calls these functions
// for each object and shape, as it calls the SVG renderer's; they append
// JSON to a buffer that end_job hands to the output in one write.
//
// Output (docs/server.md): {"format":"kg-canvas 1","width":W,"height":H,
// "viewBox":[x0,y0,x1,y1],"transform":[scale,tx,ty],"objects":[...]}, each
// object {"type":"graph"|"node"|"edge", "id", "class", "tooltip", "tail",
// "head", "ops":[...]}. Coordinates are the SVG's (x, -y): a point is shown
// at scale * (x + tx, y + ty) inside the viewBox, as the SVG's transform does.
#include "viz/internal/canvas.h"

#include <gvplugin.h>
#include <gvplugin_device.h>
#include <gvplugin_render.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <string>

#include "core/json.h"

// Declared by Graphviz's gvio.h, which Debian does not install.
extern "C" size_t gvwrite(GVJ_t* job, const char* s, size_t len);

namespace kg::viz::internal {
namespace {

// The pen and fill an operation is drawn with, to write them only when
// they change within an object.
struct Pen {
  std::string stroke;  // "" when the pen draws nothing
  double width = -1;
  std::string dash;  // "", "dashed" or "dotted"

  bool operator==(const Pen& o) const {
    return stroke == o.stroke && width == o.width && dash == o.dash;
  }
};

// The output of one gvRenderData call, owned through job->context from
// begin_job to end_job.
struct Canvas {
  std::string out;
  bool object_open = false;  // inside an object's "ops" array
  bool first_object = true;
  bool first_op = true;
  obj_type open_type = ROOTGRAPH_OBJTYPE;
  Pen pen;
  bool pen_known = false;
  std::string fill;
  bool fill_known = false;
};

Canvas& Of(GVJ_t* job) { return *static_cast<Canvas*>(job->context); }

// A number with at most two decimals, as the SVG writes them.
void Number(double v, std::string* out) {
  double rounded = std::round(v * 100) / 100;
  if (rounded == 0) rounded = 0;  // no "-0"
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, 2);
  if (ec != std::errc()) {
    out->push_back('0');
    return;
  }
  while (end > buf && end[-1] == '0') --end;
  if (end > buf && end[-1] == '.') --end;
  out->append(buf, end);
}

// "#rrggbb", "#rrggbbaa" with some transparency, "" when fully transparent.
std::string Color(const gvcolor_t& c) {
  const unsigned char* rgba = c.u.rgba;
  if (rgba[3] == 0) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "#";
  for (int i = 0; i < (rgba[3] == 255 ? 3 : 4); ++i) {
    s.push_back(kHex[rgba[i] >> 4]);
    s.push_back(kHex[rgba[i] & 15]);
  }
  return s;
}

void CloseObject(Canvas& c) {
  if (!c.object_open) return;
  c.out += "]}";
  c.object_open = false;
}

// Opens {"type":..., fields, "ops":[ ; the caller's `fields` are complete
// JSON members, each followed by a comma.
void OpenObject(Canvas& c, const char* type, const std::string& fields) {
  CloseObject(c);
  c.out += c.first_object ? "{" : ",{";
  c.first_object = false;
  c.out += "\"type\":\"";
  c.out += type;
  c.out += "\",";
  c.out += fields;
  c.out += "\"ops\":[";
  c.object_open = true;
  c.first_op = true;
  c.pen_known = false;
  c.fill_known = false;
}

void Member(const char* name, const char* value, std::string* out) {
  if (value == nullptr || *value == '\0') return;
  out->push_back('"');
  out->append(name);
  out->append("\":");
  AppendJsonString(value, out);
  out->push_back(',');
}

// Operations outside any node or edge (the background, title, footnote)
// go to a graph object, opened when needed.
void EnsureObject(GVJ_t* job) {
  Canvas& c = Of(job);
  if (!c.object_open) OpenObject(c, "graph", "");
}

void BeginOp(Canvas& c) {
  if (!c.first_op) c.out.push_back(',');
  c.first_op = false;
}

// ["pen", stroke, width, dash] when the object's pen changed.
void SetPen(GVJ_t* job) {
  Canvas& c = Of(job);
  obj_state_t* obj = job->obj;
  Pen pen;
  if (obj->pen != PEN_NONE) pen.stroke = Color(obj->pencolor);
  pen.width = obj->penwidth;
  pen.dash = obj->pen == PEN_DASHED ? "dashed" : obj->pen == PEN_DOTTED ? "dotted" : "";
  if (c.pen_known && pen == c.pen) return;
  c.pen = pen;
  c.pen_known = true;
  BeginOp(c);
  c.out += "[\"pen\",\"" + pen.stroke + "\",";
  Number(pen.width, &c.out);
  c.out += ",\"" + pen.dash + "\"]";
}

// ["fill", colour] when the object's fill changed (only before a filled shape).
void SetFill(GVJ_t* job) {
  Canvas& c = Of(job);
  std::string fill = Color(job->obj->fillcolor);
  if (c.fill_known && fill == c.fill) return;
  c.fill = fill;
  c.fill_known = true;
  BeginOp(c);
  c.out += "[\"fill\",\"" + fill + "\"]";
}

void Points(const pointf* a, int n, std::string* out) {
  out->push_back('[');
  for (int i = 0; i < n; ++i) {
    if (i > 0) out->push_back(',');
    Number(a[i].x, out);
    out->push_back(',');
    Number(-a[i].y, out);
  }
  out->push_back(']');
}

// Starts an operation: the pen (and the fill for a filled shape) first,
// unless it is text, which carries its own colour.
std::string& Op(GVJ_t* job, const char* name, bool filled, bool pen = true) {
  EnsureObject(job);
  if (pen) SetPen(job);
  if (filled) SetFill(job);
  Canvas& c = Of(job);
  BeginOp(c);
  c.out += "[\"";
  c.out += name;
  c.out += "\",";
  return c.out;
}

void BeginJob(GVJ_t* job) { job->context = new Canvas(); }  // freed by EndJob

void EndJob(GVJ_t* job) {
  std::unique_ptr<Canvas> c(static_cast<Canvas*>(job->context));
  job->context = nullptr;
  CloseObject(*c);
  c->out += "]}\n";
  gvwrite(job, c->out.data(), c->out.size());
}

void BeginGraph(GVJ_t* job) {
  Canvas& c = Of(job);
  c.out += "{\"format\":\"kg-canvas 1\",\"width\":";
  Number(job->width, &c.out);
  c.out += ",\"height\":";
  Number(job->height, &c.out);
  c.out += ",\"viewBox\":[";
  const boxf& b = job->canvasBox;
  for (double v : {b.LL.x, b.LL.y, b.UR.x, b.UR.y}) {
    Number(v, &c.out);
    c.out.push_back(',');
  }
  c.out.back() = ']';
}

void BeginPage(GVJ_t* job) {
  Canvas& c = Of(job);
  c.out += ",\"transform\":[";
  Number(job->scale.x, &c.out);
  c.out.push_back(',');
  Number(job->translation.x, &c.out);
  c.out.push_back(',');
  Number(-job->translation.y, &c.out);
  c.out += "],\"objects\":[";
}

// The id of the node at an end of the edge (its "id" attribute, "n<id>").
const char* EndId(Agnode_t* n) { return agget(n, const_cast<char*>("id")); }

void BeginNode(GVJ_t* job) {
  obj_state_t* obj = job->obj;
  std::string fields;
  Member("id", obj->id, &fields);
  Member("class", agget(obj->u.n, const_cast<char*>("class")), &fields);
  Member("tooltip", obj->tooltip, &fields);
  OpenObject(Of(job), "node", fields);
}

void BeginEdge(GVJ_t* job) {
  obj_state_t* obj = job->obj;
  std::string fields;
  Member("id", obj->id, &fields);
  Member("class", agget(obj->u.e, const_cast<char*>("class")), &fields);
  Member("tail", EndId(agtail(obj->u.e)), &fields);
  Member("head", EndId(aghead(obj->u.e)), &fields);
  if (obj->explicit_tooltip) Member("tooltip", obj->tooltip, &fields);
  OpenObject(Of(job), "edge", fields);
}

void EndObject(GVJ_t* job) { CloseObject(Of(job)); }

void Ellipse(GVJ_t* job, pointf* a, int filled) {
  // a[0] the centre, a[1] a corner of the bounding box.
  std::string& out = Op(job, "ellipse", filled);
  Number(a[0].x, &out);
  out.push_back(',');
  Number(-a[0].y, &out);
  out.push_back(',');
  Number(a[1].x - a[0].x, &out);
  out.push_back(',');
  Number(a[1].y - a[0].y, &out);
  out += filled ? ",1]" : ",0]";
}

void Polygon(GVJ_t* job, pointf* a, int n, int filled) {
  std::string& out = Op(job, "polygon", filled);
  Points(a, n, &out);
  out += filled ? ",1]" : ",0]";
}

void Bezier(GVJ_t* job, pointf* a, int n, int, int, int filled) {
  std::string& out = Op(job, "bezier", filled);
  Points(a, n, &out);
  out += filled ? ",1]" : ",0]";
}

void Polyline(GVJ_t* job, pointf* a, int n) {
  std::string& out = Op(job, "polyline", false);
  Points(a, n, &out);
  out.push_back(']');
}

// ["text", x, y, anchor, size, family, weight, style, text, colour] (the
// pen's colour, whatever the pen); (x, y) is the baseline point the SVG
// renderer writes.
void TextSpan(GVJ_t* job, pointf p, textspan_t* span) {
  const char* anchor = span->just == 'l' ? "start" : span->just == 'r' ? "end" : "middle";
  p.y += span->yoffset_centerline;
  const textfont_t* font = span->font;
  const PostscriptAlias* alias = font ? font->postscript_alias : nullptr;
  // As the SVG writes it: "Helvetica,sans-Serif" for Graphviz's Helvetica.
  std::string family = font && font->name ? font->name : "Times";
  if (alias) {
    family = alias->family ? alias->family : family;
    if (alias->svg_font_family) family += std::string(",") + alias->svg_font_family;
  }
  bool bold = (font && (font->flags & 1)) ||
              (alias && alias->svg_font_weight && std::string(alias->svg_font_weight) == "bold");
  bool italic = (font && (font->flags & 2)) ||
                (alias && alias->svg_font_style && std::string(alias->svg_font_style) == "italic");
  std::string& out = Op(job, "text", false, false);
  Number(p.x, &out);
  out.push_back(',');
  Number(-p.y, &out);
  out += ",\"";
  out += anchor;
  out += "\",";
  Number(font ? font->size : 14, &out);
  out.push_back(',');
  AppendJsonString(family, &out);
  out += bold ? ",\"bold\"" : ",\"\"";
  out += italic ? ",\"italic\"," : ",\"\",";
  AppendJsonString(span->str ? span->str : "", &out);
  out += ",\"" + Color(job->obj->pencolor) + "\"]";
}

gvrender_engine_t kEngine = {
    BeginJob,  EndJob,    BeginGraph, nullptr,  nullptr, nullptr, BeginPage, nullptr,
    nullptr,   nullptr,   nullptr,    nullptr,  nullptr, nullptr, BeginNode, EndObject,
    BeginEdge, EndObject, nullptr,    nullptr,  nullptr, nullptr, TextSpan,  nullptr,
    Ellipse,   Polygon,   Bezier,     Polyline, nullptr, nullptr,
};

// As the SVG renderer's: y down, Graphviz applies no transform (the page
// does, from "transform"), ids and tooltips wanted, colours as RGBA bytes.
gvrender_features_t kRenderFeatures = {
    GVRENDER_Y_GOES_DOWN | GVRENDER_DOES_TRANSFORM | GVRENDER_DOES_LABELS | GVRENDER_DOES_MAPS |
        GVRENDER_DOES_TOOLTIPS,
    4.,  // default pad, as SVG
    nullptr,
    0,
    RGBA_BYTE,
};

gvdevice_features_t kDeviceFeatures = {
    GVDEVICE_DOES_TRUECOLOR,
    {0., 0.},    // margin
    {0., 0.},    // page size
    {72., 72.},  // points, as SVG
};

gvplugin_installed_t kRenderTypes[] = {
    {0, const_cast<char*>(kCanvasDevice), 1, &kEngine, &kRenderFeatures},
    {0, nullptr, 0, nullptr, nullptr},
};

gvplugin_installed_t kDeviceTypes[] = {
    {0, const_cast<char*>("kg_canvas:kg_canvas"), 1, nullptr, &kDeviceFeatures},
    {0, nullptr, 0, nullptr, nullptr},
};

gvplugin_api_t kApis[] = {
    {API_render, kRenderTypes},
    {API_device, kDeviceTypes},
    {static_cast<api_t>(0), nullptr},
};

gvplugin_library_t kLibrary = {const_cast<char*>("kg_canvas"), kApis};

}  // namespace

void AddCanvasPlugin(GVC_t* gvc) { gvAddLibrary(gvc, &kLibrary); }

}  // namespace kg::viz::internal
