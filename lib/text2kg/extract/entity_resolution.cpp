#include "text2kg/extract/entity_resolution.hpp"

#include <algorithm>
#include <map>

#include "text2kg/extract/entity_key.hpp"

namespace text2kg::extract {
namespace {

std::string name_text(const Document& doc, TokenRange range) {
  std::string out;
  for (std::uint32_t t = range.begin; t < range.end; ++t) {
    out += doc.form(t);
    if (t + 1 < range.end && doc.tokens()[t].space_after) out += ' ';
  }
  return out;
}

void add_alias(Entity& e, std::string alias) {
  if (!alias.empty() && std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end()) {
    e.aliases.push_back(std::move(alias));
  }
}

}  // namespace

std::vector<Entity> document_entities(const Document& doc) {
  std::map<std::string, Entity> by_key;
  const auto add = [&](Entity e) {
    const auto [it, added] = by_key.emplace(e.key, e);
    if (added) return;
    Entity& held = it->second;
    for (std::string& alias : e.aliases) add_alias(held, std::move(alias));
    held.mention_count += e.mention_count;
  };
  const bool coref = doc.layers().has(Layer::Coref);
  if (coref) {
    for (const CorefChain& chain : doc.chains()) {
      if (chain.representative >= doc.mentions().size()) continue;
      const Mention& rep = doc.mentions()[chain.representative];
      if (rep.kind != MentionKind::Proper) continue;
      Entity e;
      e.name = name_text(doc, rep.tokens);
      e.type = rep.type;
      e.key = make_entity_key(e.type, e.name);
      for (const std::uint32_t m : chain.mentions) {
        if (m < doc.mentions().size() && doc.mentions()[m].kind == MentionKind::Proper) {
          add_alias(e, name_text(doc, doc.mentions()[m].tokens));
        }
      }
      e.mention_count = static_cast<std::uint32_t>(chain.mentions.size());
      add(std::move(e));
    }
  }
  for (const Mention& m : doc.mentions()) {
    if (m.kind != MentionKind::Proper || (coref && m.chain) || m.tokens.empty()) continue;
    Entity e;
    e.name = name_text(doc, m.tokens);
    e.type = m.type;
    e.key = make_entity_key(e.type, e.name);
    e.aliases.push_back(e.name);
    e.mention_count = 1;
    add(std::move(e));
  }
  std::vector<Entity> out;
  out.reserve(by_key.size());
  for (auto& [key, e] : by_key) {
    std::sort(e.aliases.begin(), e.aliases.end());
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace text2kg::extract
