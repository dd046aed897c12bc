#include "text2kg/text/demonyms.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace text2kg {
namespace {

struct DemonymEntry {
  std::string_view demonym;  ///< lower case
  std::string_view country;
};

// Adjectival demonyms of the world's countries, lower case, sorted for binary search
// (a test checks the order). Variants in common use get their own row.
constexpr std::array kDemonyms = std::to_array<DemonymEntry>({
    {"afghan", "Afghanistan"}, {"albanian", "Albania"}, {"algerian", "Algeria"},
    {"american", "United States"}, {"andorran", "Andorra"}, {"angolan", "Angola"},
    {"antiguan", "Antigua and Barbuda"}, {"argentine", "Argentina"}, {"argentinian", "Argentina"},
    {"armenian", "Armenia"}, {"australian", "Australia"}, {"austrian", "Austria"},
    {"azerbaijani", "Azerbaijan"}, {"bahamian", "Bahamas"}, {"bahraini", "Bahrain"},
    {"bangladeshi", "Bangladesh"}, {"barbadian", "Barbados"}, {"belarusian", "Belarus"},
    {"belgian", "Belgium"}, {"belizean", "Belize"}, {"beninese", "Benin"}, {"bhutanese", "Bhutan"},
    {"bolivian", "Bolivia"}, {"bosnian", "Bosnia and Herzegovina"}, {"botswanan", "Botswana"},
    {"brazilian", "Brazil"}, {"british", "United Kingdom"}, {"bruneian", "Brunei"},
    {"bulgarian", "Bulgaria"}, {"burkinabe", "Burkina Faso"}, {"burmese", "Myanmar"},
    {"burundian", "Burundi"}, {"cambodian", "Cambodia"}, {"cameroonian", "Cameroon"},
    {"canadian", "Canada"}, {"cape verdean", "Cape Verde"}, {"central african", "Central African Republic"},
    {"chadian", "Chad"}, {"chilean", "Chile"}, {"chinese", "China"}, {"colombian", "Colombia"},
    {"comoran", "Comoros"}, {"congolese", "Congo"}, {"costa rican", "Costa Rica"},
    {"croatian", "Croatia"}, {"cuban", "Cuba"}, {"cypriot", "Cyprus"}, {"czech", "Czech Republic"},
    {"danish", "Denmark"}, {"djiboutian", "Djibouti"}, {"dominican", "Dominican Republic"},
    {"dutch", "Netherlands"}, {"east timorese", "East Timor"}, {"ecuadorian", "Ecuador"},
    {"egyptian", "Egypt"}, {"emirati", "United Arab Emirates"}, {"english", "England"},
    {"equatoguinean", "Equatorial Guinea"}, {"eritrean", "Eritrea"}, {"estonian", "Estonia"},
    {"ethiopian", "Ethiopia"}, {"fijian", "Fiji"}, {"filipino", "Philippines"}, {"finnish", "Finland"},
    {"french", "France"}, {"gabonese", "Gabon"}, {"gambian", "Gambia"}, {"georgian", "Georgia"},
    {"german", "Germany"}, {"ghanaian", "Ghana"}, {"greek", "Greece"}, {"grenadian", "Grenada"},
    {"guatemalan", "Guatemala"}, {"guinean", "Guinea"}, {"guyanese", "Guyana"}, {"haitian", "Haiti"},
    {"honduran", "Honduras"}, {"hungarian", "Hungary"}, {"icelandic", "Iceland"}, {"indian", "India"},
    {"indonesian", "Indonesia"}, {"iranian", "Iran"}, {"iraqi", "Iraq"}, {"irish", "Ireland"},
    {"israeli", "Israel"}, {"italian", "Italy"}, {"ivorian", "Ivory Coast"}, {"jamaican", "Jamaica"},
    {"japanese", "Japan"}, {"jordanian", "Jordan"}, {"kazakh", "Kazakhstan"}, {"kazakhstani", "Kazakhstan"},
    {"kenyan", "Kenya"}, {"kiribati", "Kiribati"}, {"kosovar", "Kosovo"}, {"kuwaiti", "Kuwait"},
    {"kyrgyz", "Kyrgyzstan"}, {"lao", "Laos"}, {"laotian", "Laos"}, {"latvian", "Latvia"},
    {"lebanese", "Lebanon"}, {"liberian", "Liberia"}, {"libyan", "Libya"},
    {"liechtensteiner", "Liechtenstein"}, {"lithuanian", "Lithuania"}, {"luxembourgish", "Luxembourg"},
    {"macedonian", "North Macedonia"}, {"malagasy", "Madagascar"}, {"malawian", "Malawi"},
    {"malaysian", "Malaysia"}, {"maldivian", "Maldives"}, {"malian", "Mali"}, {"maltese", "Malta"},
    {"marshallese", "Marshall Islands"}, {"mauritanian", "Mauritania"}, {"mauritian", "Mauritius"},
    {"mexican", "Mexico"}, {"micronesian", "Micronesia"}, {"moldovan", "Moldova"},
    {"monegasque", "Monaco"}, {"mongolian", "Mongolia"}, {"montenegrin", "Montenegro"},
    {"moroccan", "Morocco"}, {"mozambican", "Mozambique"}, {"namibian", "Namibia"},
    {"nauruan", "Nauru"}, {"nepalese", "Nepal"}, {"nepali", "Nepal"}, {"new zealand", "New Zealand"},
    {"nicaraguan", "Nicaragua"}, {"nigerian", "Nigeria"}, {"nigerien", "Niger"},
    {"north korean", "North Korea"}, {"norwegian", "Norway"}, {"omani", "Oman"},
    {"pakistani", "Pakistan"}, {"palauan", "Palau"}, {"palestinian", "Palestine"},
    {"panamanian", "Panama"}, {"papua new guinean", "Papua New Guinea"}, {"paraguayan", "Paraguay"},
    {"peruvian", "Peru"}, {"philippine", "Philippines"}, {"polish", "Poland"},
    {"portuguese", "Portugal"}, {"qatari", "Qatar"}, {"romanian", "Romania"}, {"russian", "Russia"},
    {"rwandan", "Rwanda"}, {"salvadoran", "El Salvador"}, {"sammarinese", "San Marino"},
    {"samoan", "Samoa"}, {"saudi", "Saudi Arabia"}, {"scottish", "Scotland"},
    {"senegalese", "Senegal"}, {"serbian", "Serbia"}, {"seychellois", "Seychelles"},
    {"sierra leonean", "Sierra Leone"}, {"singaporean", "Singapore"}, {"slovak", "Slovakia"},
    {"slovenian", "Slovenia"}, {"solomon islander", "Solomon Islands"}, {"somali", "Somalia"},
    {"south african", "South Africa"}, {"south korean", "South Korea"}, {"south sudanese", "South Sudan"},
    {"spanish", "Spain"}, {"sri lankan", "Sri Lanka"}, {"sudanese", "Sudan"}, {"surinamese", "Suriname"},
    {"swazi", "Eswatini"}, {"swedish", "Sweden"}, {"swiss", "Switzerland"}, {"syrian", "Syria"},
    {"taiwanese", "Taiwan"}, {"tajik", "Tajikistan"}, {"tanzanian", "Tanzania"}, {"thai", "Thailand"},
    {"togolese", "Togo"}, {"tongan", "Tonga"}, {"trinidadian", "Trinidad and Tobago"},
    {"tunisian", "Tunisia"}, {"turkish", "Turkey"}, {"turkmen", "Turkmenistan"}, {"tuvaluan", "Tuvalu"},
    {"ugandan", "Uganda"}, {"ukrainian", "Ukraine"}, {"uruguayan", "Uruguay"}, {"uzbek", "Uzbekistan"},
    {"vanuatuan", "Vanuatu"}, {"venezuelan", "Venezuela"}, {"vietnamese", "Vietnam"},
    {"welsh", "Wales"}, {"yemeni", "Yemen"}, {"zambian", "Zambia"}, {"zimbabwean", "Zimbabwe"},
});

}  // namespace

bool demonym_table_is_sorted() {
  return std::is_sorted(kDemonyms.begin(), kDemonyms.end(),
                        [](const DemonymEntry& a, const DemonymEntry& b) { return a.demonym < b.demonym; });
}

std::optional<std::string_view> country_for_demonym(std::string_view demonym) {
  std::string lower(demonym);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto it = std::lower_bound(kDemonyms.begin(), kDemonyms.end(), lower,
                                   [](const DemonymEntry& e, const std::string& key) { return e.demonym < key; });
  if (it == kDemonyms.end() || it->demonym != lower) return std::nullopt;
  return it->country;
}

}  // namespace text2kg
