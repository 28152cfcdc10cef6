package dev.baton.demo.internal;

import java.text.Normalizer;
import java.util.Locale;

/** The words the demo company is made of: places, names, industries, titles, pages and copy. */
final class Vocabulary {

    private Vocabulary() {
    }

    /** The vendor whose year of marketing the demo shows. */
    static final String VENDOR = "Larkspur";
    static final String VENDOR_DOMAIN = "larkspurhq.com";
    static final String SITE = "https://www." + VENDOR_DOMAIN;

    enum Region {
        NORTH_AMERICA("North America", 0.50), EMEA("EMEA", 0.30), APAC("APAC", 0.14), LATAM("LATAM", 0.06);

        final String label;
        final double weight;

        Region(String label, double weight) {
            this.label = label;
            this.weight = weight;
        }
    }

    /**
     * A city a company or person can be in. {@code phonePrefix} is the E.164 prefix up to the
     * subscriber digits; {@code offset} the standard UTC offset in hours (for business-hours timing).
     */
    record Place(Region region, String country, String city, String timeZone, int offset, String culture,
            String phonePrefix, int phoneDigits, String tld, String[] legalForms, double weight) {
    }

    private static final String[] US_FORMS = {"Inc.", "LLC", "Corp."};
    private static final String[] UK_FORMS = {"Ltd", "plc"};

    static final Place[] PLACES = {
        new Place(Region.NORTH_AMERICA, "US", "New York", "America/New_York", -5, "en", "+121255501", 2, ".com", US_FORMS, 8),
        new Place(Region.NORTH_AMERICA, "US", "Boston", "America/New_York", -5, "en", "+161755501", 2, ".com", US_FORMS, 4),
        new Place(Region.NORTH_AMERICA, "US", "Atlanta", "America/New_York", -5, "en", "+140455501", 2, ".com", US_FORMS, 3),
        new Place(Region.NORTH_AMERICA, "US", "Chicago", "America/Chicago", -6, "en", "+131255501", 2, ".com", US_FORMS, 5),
        new Place(Region.NORTH_AMERICA, "US", "Austin", "America/Chicago", -6, "en", "+151255501", 2, ".com", US_FORMS, 3),
        new Place(Region.NORTH_AMERICA, "US", "Denver", "America/Denver", -7, "en", "+130355501", 2, ".com", US_FORMS, 2),
        new Place(Region.NORTH_AMERICA, "US", "San Francisco", "America/Los_Angeles", -8, "en", "+141555501", 2, ".com", US_FORMS, 7),
        new Place(Region.NORTH_AMERICA, "US", "Seattle", "America/Los_Angeles", -8, "en", "+120655501", 2, ".com", US_FORMS, 3),
        new Place(Region.NORTH_AMERICA, "US", "Los Angeles", "America/Los_Angeles", -8, "en", "+121355501", 2, ".com", US_FORMS, 3),
        new Place(Region.NORTH_AMERICA, "CA", "Toronto", "America/Toronto", -5, "en", "+141655501", 2, ".ca", new String[] {"Inc.", "Ltd."}, 3),
        new Place(Region.NORTH_AMERICA, "CA", "Vancouver", "America/Vancouver", -8, "en", "+160455501", 2, ".ca", new String[] {"Inc.", "Ltd."}, 1.5),
        new Place(Region.EMEA, "GB", "London", "Europe/London", 0, "en", "+4420", 8, ".co.uk", UK_FORMS, 8),
        new Place(Region.EMEA, "GB", "Manchester", "Europe/London", 0, "en", "+44161", 7, ".co.uk", UK_FORMS, 2),
        new Place(Region.EMEA, "IE", "Dublin", "Europe/Dublin", 0, "en", "+3531", 7, ".ie", new String[] {"Ltd", "DAC"}, 2),
        new Place(Region.EMEA, "DE", "Berlin", "Europe/Berlin", 1, "de", "+4930", 8, ".de", new String[] {"GmbH", "AG"}, 3),
        new Place(Region.EMEA, "DE", "Munich", "Europe/Berlin", 1, "de", "+4989", 8, ".de", new String[] {"GmbH", "AG"}, 3),
        new Place(Region.EMEA, "DE", "Hamburg", "Europe/Berlin", 1, "de", "+4940", 8, ".de", new String[] {"GmbH", "AG"}, 2),
        new Place(Region.EMEA, "FR", "Paris", "Europe/Paris", 1, "fr", "+331", 8, ".fr", new String[] {"SA", "SAS"}, 4),
        new Place(Region.EMEA, "FR", "Lyon", "Europe/Paris", 1, "fr", "+334", 8, ".fr", new String[] {"SA", "SAS"}, 1),
        new Place(Region.EMEA, "NL", "Amsterdam", "Europe/Amsterdam", 1, "nl", "+3120", 7, ".nl", new String[] {"B.V.", "N.V."}, 2.5),
        new Place(Region.EMEA, "NL", "Rotterdam", "Europe/Amsterdam", 1, "nl", "+3110", 7, ".nl", new String[] {"B.V."}, 1),
        new Place(Region.EMEA, "SE", "Stockholm", "Europe/Stockholm", 1, "sv", "+468", 7, ".se", new String[] {"AB"}, 2),
        new Place(Region.EMEA, "ES", "Madrid", "Europe/Madrid", 1, "es", "+3491", 7, ".es", new String[] {"S.L.", "S.A."}, 2),
        new Place(Region.EMEA, "ES", "Barcelona", "Europe/Madrid", 1, "es", "+3493", 7, ".es", new String[] {"S.L.", "S.A."}, 1.5),
        new Place(Region.APAC, "AU", "Sydney", "Australia/Sydney", 10, "en", "+612", 8, ".com.au", new String[] {"Pty Ltd"}, 4),
        new Place(Region.APAC, "AU", "Melbourne", "Australia/Melbourne", 10, "en", "+613", 8, ".com.au", new String[] {"Pty Ltd"}, 3),
        new Place(Region.APAC, "SG", "Singapore", "Asia/Singapore", 8, "en", "+656", 7, ".com.sg", new String[] {"Pte Ltd"}, 3),
        new Place(Region.APAC, "JP", "Tokyo", "Asia/Tokyo", 9, "ja", "+813", 8, ".co.jp", new String[] {"K.K."}, 3),
        new Place(Region.APAC, "JP", "Osaka", "Asia/Tokyo", 9, "ja", "+816", 8, ".co.jp", new String[] {"K.K."}, 1),
        new Place(Region.APAC, "IN", "Bengaluru", "Asia/Kolkata", 5, "in", "+9180", 8, ".in", new String[] {"Pvt Ltd"}, 3),
        new Place(Region.APAC, "IN", "Mumbai", "Asia/Kolkata", 5, "in", "+9122", 8, ".in", new String[] {"Pvt Ltd"}, 2),
        new Place(Region.LATAM, "BR", "São Paulo", "America/Sao_Paulo", -3, "pt", "+5511", 8, ".com.br", new String[] {"Ltda."}, 3),
        new Place(Region.LATAM, "MX", "Mexico City", "America/Mexico_City", -6, "es", "+5255", 8, ".com.mx", new String[] {"S.A. de C.V."}, 2),
    };

    static String[] firstNames(String culture) {
        return switch (culture) {
            case "de" -> new String[] {"Lukas", "Anna", "Jonas", "Lea", "Felix", "Laura", "Maximilian", "Sophie", "Tobias",
                "Julia", "Stefan", "Katrin", "Florian", "Miriam", "Jan", "Sabine", "Matthias", "Nina", "Andreas", "Hannah"};
            case "fr" -> new String[] {"Camille", "Louis", "Chloé", "Hugo", "Léa", "Julien", "Manon", "Thomas", "Inès",
                "Antoine", "Élodie", "Nicolas", "Claire", "Mathieu", "Pauline", "Théo", "Sarah", "Romain", "Amélie", "Lucas"};
            case "nl" -> new String[] {"Daan", "Sanne", "Bram", "Lotte", "Jeroen", "Femke", "Sem", "Eva", "Thijs", "Anouk",
                "Ruben", "Iris", "Pieter", "Fleur", "Joost", "Maartje"};
            case "sv" -> new String[] {"Erik", "Elin", "Oskar", "Maja", "Johan", "Linnea", "Anders", "Sara", "Gustav",
                "Klara", "Nils", "Ebba", "Henrik", "Ida"};
            case "es" -> new String[] {"Alejandro", "Lucía", "Javier", "María", "Carlos", "Sofía", "Diego", "Paula",
                "Pablo", "Carmen", "Andrés", "Elena", "Miguel", "Valentina", "Fernando", "Isabel", "Raúl", "Daniela"};
            case "pt" -> new String[] {"João", "Ana", "Pedro", "Beatriz", "Lucas", "Mariana", "Gabriel", "Juliana",
                "Rafael", "Camila", "Thiago", "Larissa", "Bruno", "Fernanda"};
            case "ja" -> new String[] {"Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura", "Kenji", "Yuki",
                "Daiki", "Misaki", "Riku", "Emi"};
            case "in" -> new String[] {"Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Arjun", "Neha", "Rahul",
                "Divya", "Siddharth", "Pooja", "Karthik", "Sneha", "Aditya", "Meera"};
            default -> new String[] {"James", "Emily", "Michael", "Olivia", "David", "Sarah", "Daniel", "Jessica", "Chris",
                "Ashley", "Ryan", "Megan", "Matthew", "Hannah", "Andrew", "Lauren", "Josh", "Rachel", "Brian", "Amanda",
                "Kevin", "Nicole", "Tyler", "Samantha", "Jason", "Rebecca", "Eric", "Katie", "Mark", "Laura", "Sean",
                "Grace", "Ben", "Chloe", "Nathan", "Zoe", "Aaron", "Maya", "Marcus", "Jasmine", "Liam", "Emma", "Noah",
                "Ava", "Ethan", "Mia", "Owen", "Isla", "Jack", "Charlotte"};
        };
    }

    static String[] lastNames(String culture) {
        return switch (culture) {
            case "de" -> new String[] {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun"};
            case "fr" -> new String[] {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
                "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux"};
            case "nl" -> new String[] {"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit",
                "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters"};
            case "sv" -> new String[] {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
                "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindqvist"};
            case "es" -> new String[] {"García", "Martínez", "López", "Sánchez", "González", "Rodríguez", "Fernández",
                "Pérez", "Gómez", "Díaz", "Moreno", "Ruiz", "Hernández", "Jiménez", "Torres", "Navarro"};
            case "pt" -> new String[] {"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
                "Lima", "Gomes", "Costa", "Ribeiro", "Carvalho", "Almeida"};
            case "ja" -> new String[] {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
                "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto"};
            case "in" -> new String[] {"Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Menon", "Rao", "Kumar",
                "Singh", "Joshi", "Mehta", "Desai", "Krishnan", "Bhat", "Chatterjee"};
            default -> new String[] {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
                "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
                "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams",
                "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker",
                "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
                "Reed", "Bailey", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Brooks", "Bennett", "Gray",
                "Chen", "Nguyen", "Kim", "Park", "Lee", "Wong", "Patel", "Khan", "Ali", "Okafor"};
        };
    }

    record Industry(String name, double revenuePerEmployee, String[] words) {
    }

    static final Industry[] INDUSTRIES = {
        new Industry("Software", 220_000, new String[] {"Software", "Labs", "Systems", "Cloud", "Analytics", "Data"}),
        new Industry("Financial Services", 350_000, new String[] {"Capital", "Financial", "Bank", "Payments", "Wealth"}),
        new Industry("Insurance", 400_000, new String[] {"Insurance", "Mutual", "Assurance", "Underwriters"}),
        new Industry("Healthcare", 150_000, new String[] {"Health", "Medical", "Clinics", "Biotech", "Care"}),
        new Industry("Manufacturing", 250_000, new String[] {"Manufacturing", "Industries", "Components", "Robotics",
            "Materials"}),
        new Industry("Retail", 180_000, new String[] {"Retail", "Outfitters", "Brands", "Market", "Goods"}),
        new Industry("Education", 90_000, new String[] {"Learning", "Academy", "Education", "Institute"}),
        new Industry("Logistics", 200_000, new String[] {"Logistics", "Freight", "Shipping", "Transport"}),
        new Industry("Media", 200_000, new String[] {"Media", "Studios", "Publishing", "Digital"}),
        new Industry("Telecommunications", 400_000, new String[] {"Telecom", "Networks", "Wireless", "Fiber"}),
        new Industry("Energy", 600_000, new String[] {"Energy", "Power", "Solar", "Utilities", "Renewables"}),
        new Industry("Professional Services", 140_000, new String[] {"Consulting", "Advisory", "Group", "Associates",
            "Partners"}),
    };

    static final String[] NAME_STEMS = {"Blue Harbor", "Brightline", "Cedar", "Summit", "Ironwood", "Silverlake",
        "Redstone", "Clearwater", "Granite", "Evergreen", "Pinnacle", "Horizon", "Meridian", "Keystone", "Lumen",
        "Vertex", "Atlas", "Beacon", "Crescent", "Falcon", "Harborview", "Juniper", "Kestrel", "Maple", "Nimbus", "Orion",
        "Polaris", "Quartz", "Riverbend", "Sierra", "Tidewater", "Upland", "Vantage", "Willow", "Zenith", "Aurora",
        "Bluefin", "Copperleaf", "Driftwood", "Ember", "Foxglove", "Goldcrest", "Highland", "Ivory", "Jadeport",
        "Kingsway", "Lakeshore", "Moonstone", "Northgate", "Oakridge", "Pinecrest", "Quayside", "Rosewood",
        "Stonebridge", "Trident", "Unity", "Westbrook", "Yellowpine", "Alder", "Bramble", "Cobalt", "Dune", "Elm Street",
        "Fairwind", "Glacier", "Hawthorne", "Indigo", "Larch", "Mistral", "Northstar", "Oxbow", "Palisade", "Redwood",
        "Saltmarsh", "Thornbury", "Bellweather", "Ashford", "Brookfield", "Castlerock", "Dovetail", "Eastwind",
        "Fernhill", "Greystone", "Hollow Oak", "Ironbridge", "Kingfisher", "Lighthouse", "Marlow", "Netherby",
        "Old Mill", "Prairie", "Queensbury", "Rockport", "Sandstone", "Tamarack", "Wavecrest", "Arrowhead", "Bayside",
        "Clover", "Deepwater", "Everline", "Firefly", "Gladstone", "Halcyon", "Ironclad", "Lanternfly", "Meadowlark",
        "Nightingale", "Osprey", "Peregrine", "Ravenwood", "Starling", "Thistle", "Windrose"};

    /** Job titles with a weight and whether the person tends to hold budget. */
    record Title(String name, double weight, boolean senior) {
    }

    static final Title[] TITLES = {
        new Title("Chief Marketing Officer", 1, true), new Title("VP Marketing", 2, true),
        new Title("Head of Growth", 1.5, true), new Title("Director of Demand Generation", 3, true),
        new Title("Marketing Operations Manager", 6, false), new Title("Senior Marketing Operations Specialist", 4, false),
        new Title("Demand Generation Manager", 5, false), new Title("Content Marketing Manager", 4, false),
        new Title("Product Marketing Manager", 4, false), new Title("Digital Marketing Specialist", 5, false),
        new Title("Marketing Analyst", 5, false), new Title("Field Marketing Manager", 3, false),
        new Title("Marketing Coordinator", 4, false), new Title("SEO Specialist", 2, false),
        new Title("Growth Marketer", 3, false), new Title("Revenue Operations Manager", 4, false),
        new Title("Sales Operations Analyst", 3, false), new Title("VP Sales", 1.5, true),
        new Title("Chief Revenue Officer", 0.8, true), new Title("Head of Data", 1.2, true),
        new Title("Business Intelligence Analyst", 3, false), new Title("Data Engineer", 2, false),
        new Title("IT Director", 1.2, true), new Title("Chief Financial Officer", 0.6, true),
        new Title("Customer Success Manager", 2, false), new Title("Chief Executive Officer", 0.5, true),
    };

    static final String[] PERSONAL_DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"};

    static final String[][] PAGES = {
        {"/", "Larkspur — revenue analytics for B2B marketing"}, {"/pricing", "Pricing"},
        {"/product/attribution", "Multi-touch attribution"}, {"/product/journeys", "Journeys"},
        {"/product/data-quality", "Data quality"}, {"/product/lead-routing", "Lead routing"},
        {"/customers", "Customer stories"}, {"/integrations/salesforce", "Salesforce integration"},
        {"/integrations/hubspot", "HubSpot integration"}, {"/docs/getting-started", "Docs: getting started"},
        {"/security", "Security & compliance"}, {"/about", "About us"}, {"/careers", "Careers"},
    };

    static final String[][] BLOG = {
        {"/blog/attribution-models-compared", "Attribution models compared"},
        {"/blog/lead-scoring-that-sales-trusts", "Lead scoring that sales trusts"},
        {"/blog/utm-naming-conventions", "UTM naming conventions that survive a re-org"},
        {"/blog/marketing-ops-tech-stack", "The 2026 marketing ops tech stack"},
        {"/blog/gdpr-consent-for-b2b", "GDPR consent for B2B teams"},
        {"/blog/pipeline-velocity", "Pipeline velocity, explained"},
        {"/blog/dedupe-your-crm", "How to dedupe your CRM in a week"},
        {"/blog/webinar-benchmarks", "Webinar benchmarks for B2B SaaS"},
        {"/blog/budget-planning-template", "A budget planning template for marketing"},
        {"/blog/account-based-marketing-basics", "Account-based marketing basics"},
    };

    static final String[] SEARCH_KEYWORDS = {"marketing attribution software", "multi touch attribution",
        "lead routing tool", "marketing operations platform", "b2b marketing analytics", "campaign roi tracking",
        "revenue analytics", "lead scoring software", "marketing data quality", "utm tracking tool"};

    static final String[] BRAND_KEYWORDS = {"larkspur", "larkspur pricing", "larkspur attribution", "larkspur login",
        "larkspur reviews"};

    static final String[] REFERRERS = {"https://www.g2.com/", "https://www.capterra.com/", "https://news.ycombinator.com/",
        "https://www.reddit.com/r/marketing/", "https://medium.com/", "https://www.linkedin.com/"};

    static final String[] FORMS = {"Request a demo", "Contact sales", "Start free trial", "Newsletter sign-up"};

    static final String[] NURTURE_SUBJECTS = {"Welcome to Larkspur — here is where to start",
        "3 attribution mistakes we see every week", "How teams cut reporting time in half",
        "Your guide to clean UTM data", "Is your lead routing leaking pipeline?", "Ready to see Larkspur live?"};

    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    /** Lower-case ASCII letters only: for email local parts and domains. */
    static String ascii(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
