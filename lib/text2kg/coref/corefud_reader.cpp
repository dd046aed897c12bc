#include "text2kg/coref/corefud_reader.hpp"

#include <algorithm>
#include <map>

#include "text2kg/base/error.hpp"

namespace text2kg::coref {
namespace {

std::string_view entity_field(std::string_view misc) {
  std::size_t pos = 0;
  while (pos <= misc.size()) {
    const std::size_t bar = misc.find('|', pos);
    const std::string_view item = misc.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos);
    if (item.starts_with("Entity=")) return item.substr(7);
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return {};
}

std::string where(const Document& doc, std::uint32_t token) {
  const Sentence& s = doc.sentences()[doc.tokens()[token].sentence];
  const std::uint32_t word = token - s.tokens.begin + 1;
  return "sentence " + (s.id.empty() ? std::to_string(doc.tokens()[token].sentence + 1) : s.id) + ", word " +
         std::to_string(word);
}

}  // namespace

std::vector<GoldMention> read_gold_mentions(const Document& doc) {
  struct Open {
    std::string entity, etype;
    std::uint32_t first;
  };
  std::vector<Open> open;
  std::vector<GoldMention> out;
  const std::string name(doc.id());
  for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
    const std::string_view value = entity_field(doc.tokens()[t].misc);
    std::size_t pos = 0;
    while (pos < value.size()) {
      if (value[pos] == '(') {
        std::size_t end = pos + 1;
        while (end < value.size() && value[end] != '(' && value[end] != ')') ++end;
        const std::string_view body = value.substr(pos + 1, end - pos - 1);
        const std::size_t dash = body.find('-');
        if (body.empty() || dash == 0) {
          throw InputError::in_file(name, where(doc, t) + ": malformed Entity opening '" + std::string(value) + "'");
        }
        Open o{std::string(body.substr(0, dash)), "", t};
        if (dash != std::string_view::npos) {
          const std::size_t dash2 = body.find('-', dash + 1);
          o.etype = std::string(body.substr(dash + 1, dash2 == std::string_view::npos ? std::string_view::npos : dash2 - dash - 1));
        }
        if (end < value.size() && value[end] == ')') {
          out.push_back({o.entity, o.etype, {t, t + 1}});
          ++end;
        } else {
          open.push_back(std::move(o));
        }
        pos = end;
      } else {
        std::size_t end = pos;
        while (end < value.size() && value[end] != ')' && value[end] != '(') ++end;
        if (end >= value.size() || value[end] != ')') {
          throw InputError::in_file(name, where(doc, t) + ": malformed Entity value '" + std::string(value) + "'");
        }
        const std::string id(value.substr(pos, end - pos));
        bool found = false;
        for (std::size_t k = open.size(); k-- > 0;) {
          if (open[k].entity == id) {
            out.push_back({open[k].entity, open[k].etype, {open[k].first, t + 1}});
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
            found = true;
            break;
          }
        }
        if (!found) throw InputError::in_file(name, where(doc, t) + ": Entity '" + id + ")' closes no open mention");
        pos = end + 1;
      }
    }
  }
  if (!open.empty()) {
    throw InputError::in_file(name, where(doc, open.back().first) + ": Entity '(" + open.back().entity + "' is never closed");
  }
  std::stable_sort(out.begin(), out.end(), [](const GoldMention& a, const GoldMention& b) {
    return a.tokens.begin != b.tokens.begin ? a.tokens.begin < b.tokens.begin : a.tokens.size() > b.tokens.size();
  });
  return out;
}

ScoredMention scored_span(const Document& doc, TokenRange tokens) {
  return {doc.tokens()[tokens.begin].chars.begin, doc.tokens()[tokens.end - 1].chars.end};
}

std::vector<Cluster> gold_clusters(const Document& doc, const std::vector<GoldMention>& mentions) {
  std::map<std::string, std::size_t> index;
  std::vector<Cluster> out;
  for (const GoldMention& m : mentions) {
    const auto [it, added] = index.emplace(m.entity, out.size());
    if (added) out.emplace_back();
    const ScoredMention span = scored_span(doc, m.tokens);
    Cluster& c = out[it->second];
    if (std::find(c.begin(), c.end(), span) == c.end()) c.push_back(span);
  }
  return out;
}

}  // namespace text2kg::coref
