// General geographic knowledge the GeoNames city list lacks: regions, seas, English exonyms of cities
// whose GeoNames name is a transliteration, seats of government named for their buildings, and the
// bases of organisations that act in the news. None of it names an article, a person or a sentence.

export interface RegionEntry {
  name: string;
  aliases?: string[];
  lat: number;
  lng: number;
  /** ISO 3166-1 alpha-2 of the country it lies in, or '' for seas and areas spanning several */
  country: string;
  radiusKm?: number;
}

/** Regions, seas and areas: matched by name, drawn with a region radius. */
export const REGIONS: RegionEntry[] = [
  { name: 'Middle East', aliases: ['Mideast'], lat: 29.5, lng: 45.0, country: '', radiusKm: 150 },
  { name: 'Gaza Strip', aliases: ['Gaza strip', 'the Strip', 'Gaza enclave'], lat: 31.42, lng: 34.38, country: 'PS', radiusKm: 30 },
  { name: 'West Bank', aliases: ['occupied West Bank'], lat: 31.95, lng: 35.25, country: 'PS', radiusKm: 60 },
  { name: 'Golan Heights', aliases: ['Golan', 'occupied Golan', 'Israeli-occupied Golan Heights'], lat: 33.0, lng: 35.78, country: 'SY', radiusKm: 30 },
  { name: 'Sinai', aliases: ['Sinai Peninsula'], lat: 29.5, lng: 33.8, country: 'EG', radiusKm: 150 },
  { name: 'Red Sea', lat: 20.0, lng: 38.5, country: '', radiusKm: 150 },
  { name: 'Gulf of Aden', lat: 12.5, lng: 47.5, country: '', radiusKm: 150 },
  { name: 'Bab el-Mandeb', aliases: ['Bab al-Mandab', 'Bab el-Mandeb Strait'], lat: 12.58, lng: 43.33, country: '', radiusKm: 60 },
  { name: 'Mediterranean Sea', aliases: ['Mediterranean', 'eastern Mediterranean'], lat: 34.5, lng: 18.0, country: '', radiusKm: 150 },
  { name: 'Persian Gulf', aliases: ['Arabian Gulf', 'the Gulf'], lat: 26.5, lng: 52.0, country: '', radiusKm: 150 },
  { name: 'Gulf of Oman', lat: 24.5, lng: 58.5, country: '', radiusKm: 150 },
  { name: 'Strait of Hormuz', lat: 26.57, lng: 56.25, country: '', radiusKm: 60 },
  { name: 'Arabian Sea', lat: 15.0, lng: 63.0, country: '', radiusKm: 150 },
  { name: 'Black Sea', lat: 43.4, lng: 34.0, country: '', radiusKm: 150 },
  { name: 'Sea of Azov', lat: 46.0, lng: 36.5, country: '', radiusKm: 150 },
  { name: 'Caspian Sea', lat: 41.9, lng: 50.6, country: '', radiusKm: 150 },
  { name: 'Baltic Sea', lat: 58.5, lng: 19.5, country: '', radiusKm: 150 },
  { name: 'South China Sea', lat: 12.0, lng: 114.0, country: '', radiusKm: 150 },
  { name: 'East China Sea', lat: 29.0, lng: 125.0, country: '', radiusKm: 150 },
  { name: 'Sea of Japan', aliases: ['East Sea'], lat: 40.0, lng: 135.0, country: '', radiusKm: 150 },
  { name: 'Taiwan Strait', lat: 24.5, lng: 119.5, country: '', radiusKm: 150 },
  { name: 'Korean Peninsula', lat: 37.5, lng: 127.5, country: '', radiusKm: 150 },
  { name: 'Crimea', aliases: ['Crimean Peninsula'], lat: 45.3, lng: 34.4, country: 'UA', radiusKm: 150 },
  { name: 'Donbas', aliases: ['Donbass'], lat: 48.0, lng: 38.0, country: 'UA', radiusKm: 150 },
  { name: 'Kursk region', aliases: ['Kursk Oblast'], lat: 51.7, lng: 36.2, country: 'RU', radiusKm: 150 },
  { name: 'Darfur', lat: 13.5, lng: 24.0, country: 'SD', radiusKm: 150 },
  { name: 'Kurdistan Region', aliases: ['Iraqi Kurdistan'], lat: 36.4, lng: 44.4, country: 'IQ', radiusKm: 150 },
  { name: 'Nagorno-Karabakh', aliases: ['Karabakh'], lat: 39.9, lng: 46.7, country: 'AZ', radiusKm: 60 },
  { name: 'Sahel', lat: 15.0, lng: 0.0, country: '', radiusKm: 150 },
  { name: 'Hokkaido', lat: 43.2, lng: 142.8, country: 'JP', radiusKm: 150 },
  { name: 'Okinawa', lat: 26.5, lng: 127.9, country: 'JP', radiusKm: 150 },
  { name: 'Kashmir', lat: 34.1, lng: 74.8, country: 'IN', radiusKm: 150 },
  { name: 'Galilee', lat: 32.8, lng: 35.4, country: 'IL', radiusKm: 60 },
  { name: 'Negev', lat: 30.8, lng: 34.8, country: 'IL', radiusKm: 150 },
  { name: 'Bekaa Valley', aliases: ['Bekaa'], lat: 33.85, lng: 35.9, country: 'LB', radiusKm: 60 },
  { name: 'Jordan Valley', aliases: ['Jordan River', 'River Jordan', 'Jordan river'], lat: 32.3, lng: 35.55, country: '', radiusKm: 60 },
  { name: 'Washington state', aliases: ['Washington State', 'state of Washington'], lat: 47.4, lng: -120.5, country: 'US', radiusKm: 150 },
  { name: 'Dahiyeh', aliases: ['Dahieh', 'Dahiya'], lat: 33.85, lng: 35.51, country: 'LB', radiusKm: 10 },
];

/** English names of cities whose GeoNames name is a transliteration, or that the city list lacks. */
export interface CityAlias {
  alias: string;
  /** the GeoNames name to look up, or coordinates when the list lacks the town */
  target?: string;
  country: string;
  lat?: number;
  lng?: number;
  population?: number;
}

export const CITY_ALIASES: CityAlias[] = [
  { alias: 'Hodeidah', target: 'Al Ḩudaydah', country: 'YE' },
  { alias: 'Hudaydah', target: 'Al Ḩudaydah', country: 'YE' },
  { alias: 'Al-Hudaydah', target: 'Al Ḩudaydah', country: 'YE' },
  { alias: 'Sana’a', target: 'Sanaa', country: 'YE' },
  { alias: "Sana'a", target: 'Sanaa', country: 'YE' },
  { alias: 'Kiev', target: 'Kyiv', country: 'UA' },
  { alias: 'Odesa', target: 'Odessa', country: 'UA' },
  { alias: 'Kharkov', target: 'Kharkiv', country: 'UA' },
  { alias: 'Zaporizhzhia', lat: 47.84, lng: 35.14, country: 'UA', population: 710000 },
  { alias: 'El Alamein', lat: 30.83, lng: 28.95, country: 'EG', population: 8000 },
  { alias: 'El-Alamein', lat: 30.83, lng: 28.95, country: 'EG', population: 8000 },
  { alias: 'Alamein', lat: 30.83, lng: 28.95, country: 'EG', population: 8000 },
  { alias: 'Sharm el-Sheikh', lat: 27.91, lng: 34.33, country: 'EG', population: 73000 },
  { alias: 'Sharm El Sheikh', lat: 27.91, lng: 34.33, country: 'EG', population: 73000 },
  { alias: 'Nabatieh', lat: 33.38, lng: 35.48, country: 'LB', population: 50000 },
  { alias: 'Taiz', lat: 13.58, lng: 44.02, country: 'YE', population: 600000 },
  { alias: 'New York', target: 'New York City', country: 'US' },
  { alias: 'Geneva', lat: 46.2, lng: 6.15, country: 'CH', population: 200000 },
  { alias: 'Khan Younis', target: 'Khan Yunis', country: 'PS' },
  { alias: 'Gaza City', target: 'Gaza', country: 'PS' },
  { alias: 'Washington', target: 'Washington, D.C.', country: 'US' },
  { alias: 'Washington, D.C.', target: 'Washington, D.C.', country: 'US' },
  { alias: 'Washington DC', target: 'Washington, D.C.', country: 'US' },
  { alias: 'Washington D.C.', target: 'Washington, D.C.', country: 'US' },
  { alias: 'Przemysl', target: 'Przemyśl', country: 'PL' },
  { alias: 'Tel Aviv', target: 'Tel Aviv', country: 'IL' },
  { alias: 'Rostov-on-Don', lat: 47.24, lng: 39.71, country: 'RU', population: 1_100_000 },
  { alias: 'Nizhny Novgorod', lat: 56.33, lng: 44.0, country: 'RU', population: 1_250_000 },
  { alias: 'Kyiv', target: 'Kyiv', country: 'UA' },
  { alias: 'Dnipro', lat: 48.46, lng: 35.05, country: 'UA', population: 980_000 },
  { alias: 'Mykolaiv', lat: 46.97, lng: 32.0, country: 'UA', population: 470_000 },
  { alias: 'Kramatorsk', lat: 48.72, lng: 37.56, country: 'UA', population: 150_000 },
  { alias: 'Pokrovsk', lat: 48.28, lng: 37.18, country: 'UA', population: 60_000 },
  { alias: 'Avdiivka', lat: 48.14, lng: 37.74, country: 'UA', population: 30_000 },
  { alias: 'Jerusalem', target: 'Jerusalem', country: 'IL' },
  // English spellings of West Bank and Gaza towns that GeoNames' main names transliterate otherwise.
  { alias: 'Jenin', target: 'Janin', country: 'PS' },
  { alias: 'Qalqilya', lat: 32.19, lng: 34.97, country: 'PS', population: 51_000 },
  { alias: 'Beit Lahia', lat: 31.55, lng: 34.5, country: 'PS', population: 90_000 },
  { alias: 'Beit Hanoun', lat: 31.54, lng: 34.54, country: 'PS', population: 52_000 },
  { alias: 'Deir al-Balah', lat: 31.42, lng: 34.35, country: 'PS', population: 75_000 },
  { alias: 'Deir el-Balah', lat: 31.42, lng: 34.35, country: 'PS', population: 75_000 },
];

/** Buildings and seats that stand for a government or command: a place when they speak (metonymy). */
export interface Seat {
  name: string;
  aliases?: string[];
  /** the city the seat is in (looked up in the gazetteer) */
  city: string;
  country: string;
  /** who speaks when the seat is the subject */
  stands: string;
}

export const SEATS: Seat[] = [
  { name: 'Pentagon', aliases: ['the Pentagon'], city: 'Washington, D.C.', country: 'US', stands: 'US Department of Defense' },
  { name: 'White House', aliases: ['the White House'], city: 'Washington, D.C.', country: 'US', stands: 'US presidency' },
  { name: 'State Department', aliases: ['US State Department', 'U.S. State Department'], city: 'Washington, D.C.', country: 'US', stands: 'US Department of State' },
  { name: 'Capitol Hill', city: 'Washington, D.C.', country: 'US', stands: 'US Congress' },
  { name: 'Kremlin', aliases: ['the Kremlin'], city: 'Moscow', country: 'RU', stands: 'Russian presidency' },
  { name: 'Élysée', aliases: ['Elysee', 'Élysée Palace', 'Elysee Palace'], city: 'Paris', country: 'FR', stands: 'French presidency' },
  { name: 'Downing Street', city: 'London', country: 'GB', stands: 'UK government' },
  { name: 'Quai d’Orsay', city: 'Paris', country: 'FR', stands: 'French foreign ministry' },
  { name: 'Blue House', city: 'Seoul', country: 'KR', stands: 'South Korean presidency' },
  { name: 'Zhongnanhai', city: 'Beijing', country: 'CN', stands: 'Chinese leadership' },
];

/** Organisations' bases: the inferred origin of their travel and the venue their seat implies. */
export interface OrgBase {
  names: string[];
  /** the gazetteer name of the base city */
  base: string;
  country: string;
  basis: string;
}

export const ORG_BASES: OrgBase[] = [
  { names: ['Hamas'], base: 'Doha', country: 'QA', basis: 'Hamas’s political bureau is based in Doha' },
  { names: ['Hezbollah', 'Hizbollah', 'Hizballah'], base: 'Beirut', country: 'LB', basis: 'Hezbollah is headquartered in Beirut' },
  { names: ['Houthis', 'Houthi', 'Ansar Allah', 'Houthi rebels'], base: 'Sanaa', country: 'YE', basis: 'the Houthis hold Sanaa' },
  { names: ['IRGC', 'Revolutionary Guards', 'Islamic Revolutionary Guard Corps', 'Revolutionary Guard'], base: 'Tehran', country: 'IR', basis: 'the IRGC is headquartered in Tehran' },
  { names: ['IDF', 'Israel Defense Forces', 'Israel Defence Force', 'Israel Defence Forces', 'Israeli military', 'Israeli army'], base: 'Tel Aviv', country: 'IL', basis: 'the IDF is headquartered in Tel Aviv' },
  { names: ['CENTCOM', 'US Central Command', 'Central Command'], base: 'Tampa', country: 'US', basis: 'CENTCOM is headquartered at MacDill Air Force Base, Tampa' },
  { names: ['NATO'], base: 'Brussels', country: 'BE', basis: 'NATO is headquartered in Brussels' },
  { names: ['European Union', 'EU', 'European Commission'], base: 'Brussels', country: 'BE', basis: 'the EU institutions sit in Brussels' },
  { names: ['United Nations', 'UN', 'U.N.'], base: 'New York City', country: 'US', basis: 'the UN is headquartered in New York' },
  { names: ['Pentagon', 'US military', 'U.S. military', 'US forces', 'U.S. forces'], base: 'Washington, D.C.', country: 'US', basis: 'the US military is commanded from Washington' },
  { names: ['Kremlin'], base: 'Moscow', country: 'RU', basis: 'the Kremlin is in Moscow' },
  { names: ['Wagner', 'Wagner Group'], base: 'Saint Petersburg', country: 'RU', basis: 'Wagner was based in Saint Petersburg' },
  { names: ['Taliban'], base: 'Kabul', country: 'AF', basis: 'the Taliban govern from Kabul' },
  { names: ['Rapid Support Forces', 'RSF'], base: 'Khartoum', country: 'SD', basis: 'the RSF was based in Khartoum' },
  { names: ['Islamic Jihad', 'Palestinian Islamic Jihad'], base: 'Gaza', country: 'PS', basis: 'Islamic Jihad is based in Gaza' },
];

/** Country names that the country list spells otherwise, and phrases that stand for a country. */
export const COUNTRY_ALIASES: Record<string, string> = {
  US: 'US', 'U.S.': 'US', USA: 'US', 'U.S.A.': 'US', America: 'US', 'United States': 'US', 'United States of America': 'US',
  UK: 'GB', 'U.K.': 'GB', Britain: 'GB', 'Great Britain': 'GB', 'United Kingdom': 'GB',
  'the Jewish state': 'IL', 'Jewish state': 'IL', 'the Islamic Republic': 'IR', 'Islamic Republic': 'IR',
  'North Korea': 'KP', DPRK: 'KP', 'South Korea': 'KR', 'Republic of Korea': 'KR',
  Russia: 'RU', 'Russian Federation': 'RU', Syria: 'SY', Iran: 'IR', Palestine: 'PS', 'Palestinian territories': 'PS',
  'Ivory Coast': 'CI', 'Czech Republic': 'CZ', Czechia: 'CZ', Holland: 'NL', Burma: 'MM', UAE: 'AE', 'United Arab Emirates': 'AE',
  'Saudi Arabia': 'SA', Vietnam: 'VN', 'Congo': 'CD', 'DR Congo': 'CD', 'Democratic Republic of the Congo': 'CD', Turkey: 'TR', Türkiye: 'TR', Laos: 'LA',
  Moldova: 'MD', Bolivia: 'BO', Venezuela: 'VE', Tanzania: 'TZ', Taiwan: 'TW',
};

/** Demonyms the country list lacks or spells otherwise. */
export const DEMONYM_ALIASES: Record<string, string> = {
  American: 'US', 'U.S.': 'US', US: 'US', British: 'GB', Israeli: 'IL', Palestinian: 'PS', Emirati: 'AE', Saudi: 'SA', Yemeni: 'YE', Lebanese: 'LB', Iranian: 'IR',
  Russian: 'RU', Ukrainian: 'UA', Chinese: 'CN', Taiwanese: 'TW', Japanese: 'JP', 'North Korean': 'KP', 'South Korean': 'KR', Korean: 'KR', Syrian: 'SY', Iraqi: 'IQ',
  Jordanian: 'JO', Egyptian: 'EG', Qatari: 'QA', Turkish: 'TR', Polish: 'PL', French: 'FR', German: 'DE', Indian: 'IN', Pakistani: 'PK', Afghan: 'AF', Sudanese: 'SD',
  Nigerien: 'NE', Venezuelan: 'VE', Georgian: 'GE', Armenian: 'AM', Azerbaijani: 'AZ', Azeri: 'AZ', Belarusian: 'BY', Italian: 'IT', Spanish: 'ES', Greek: 'GR',
  Kuwaiti: 'KW', Bahraini: 'BH', Omani: 'OM', Libyan: 'LY', Tunisian: 'TN', Algerian: 'DZ', Moroccan: 'MA', Ethiopian: 'ET', Somali: 'SO', Kenyan: 'KE', Malian: 'ML',
  Houthi: 'YE', Kazakh: 'KZ', Uzbek: 'UZ', Kyrgyz: 'KG', Tajik: 'TJ', Turkmen: 'TM', Filipino: 'PH', Thai: 'TH', Vietnamese: 'VN', Burmese: 'MM', Lao: 'LA', Dutch: 'NL', Swiss: 'CH', Danish: 'DK', Swedish: 'SE', Finnish: 'FI', Norwegian: 'NO', Irish: 'IE', Czech: 'CZ', Slovak: 'SK', Serbian: 'RS', Croatian: 'HR', Hungarian: 'HU', Romanian: 'RO', Bulgarian: 'BG', Moldovan: 'MD', Lithuanian: 'LT', Latvian: 'LV', Estonian: 'EE', Congolese: 'CD', Rwandan: 'RW', Ugandan: 'UG', Eritrean: 'ER', Chadian: 'TD',
};

/** US states, read as qualifiers ("Paris, Texas"): the gazetteer holds cities, not states. */
export const US_STATES = new Set([
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky',
  'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York',
  'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia',
  'Washington', 'West Virginia', 'Wisconsin', 'Wyoming',
]);
