#include "text2kg/io/news_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "text2kg/base/utf8.hpp"

namespace text2kg::io {
namespace {

std::string member_string(const rapidjson::Value& object, const char* key) {
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString()) return {};
  return {found->value.GetString(), found->value.GetStringLength()};
}

/// "2019-11-12T10:00:00Z" -> "2019-11-12"; anything not starting with a date -> "".
std::string date_part(const std::string& value) {
  if (value.size() < 10 || value[4] != '-' || value[7] != '-') return {};
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (value[i] < '0' || value[i] > '9') return {};
  }
  return value.substr(0, 10);
}

}  // namespace

std::vector<Document> read_news_jsonl(std::string_view content, const std::string& name,
                                      std::vector<NewsReadFailure>& failures) {
  std::vector<Document> documents;
  const std::string stem = std::filesystem::path(name).stem().string();
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    auto end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    const std::string line(content.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = name + ":" + std::to_string(line_number);
    rapidjson::Document json;
    json.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str(), line.size());
    if (json.HasParseError()) {
      failures.push_back({where, std::string("invalid JSON at column ") + std::to_string(json.GetErrorOffset() + 1) +
                                     ": " + rapidjson::GetParseError_En(json.GetParseError())});
      continue;
    }
    if (!json.IsObject()) {
      failures.push_back({where, "not a JSON object"});
      continue;
    }
    std::string text = member_string(json, "text");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      failures.push_back({where, "no \"text\", or an empty one"});
      continue;
    }
    std::string id = member_string(json, "id");
    if (id.empty()) id = stem + "-" + std::to_string(line_number);
    DocumentMeta meta;
    meta.title = member_string(json, "title");
    meta.date = date_part(member_string(json, "date"));
    meta.url = member_string(json, "url");
    documents.emplace_back(std::move(id), std::move(text), std::move(meta));
  }
  return documents;
}

}  // namespace text2kg::io
