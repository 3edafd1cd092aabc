#!/usr/bin/env python3
"""Source of truth for kg's bundled seed dataset (data/seed/*.csv).

Hand-built from the two articles in data/sources/ (the 2025-07-16 media
exchange of NVIDIA's CEO Jensen Huang in China). Every relation quotes its
article verbatim; scripts/check_seed.py verifies that and the ontology rules.

Usage: python3 data/seed/build_seed.py [OUT_DIR]
Rewrites entities.csv and relations.csv in OUT_DIR (default: this directory;
ctest `data_seed_in_sync` writes to a temp dir and compares byte for byte).
Edit the ENTITIES / RELATIONS lists below, never the CSVs by hand.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
S0 = "000_4fb6684bd204918f.txt"  # Wallstreetcn / Tencent Technology transcript
S1 = "001_37253d321038e9e0.txt"  # summary article (scraped ticker forms)
DATE = "2025-07-16"              # day of the media exchange (the statement date)

# Dates are written at the precision the articles give: "2025-07-16" (day),
# "2025-W28" (ISO week), "2025-04" (month), "1999" (year). Relative words
# ("yesterday", "a week ago", "this year") are resolved against DATE and kept
# verbatim in the *_text column beside the date. An engine that reads only
# day dates gets the coarser ones left out when EMIT_COARSE_DATES is False
# (their *_text stays); see data/README.md.
EMIT_COARSE_DATES = True

# H20 ban: the articles never date its start; "April 2025" is outside
# knowledge (the project brief, the public record), so it is a month, not an
# invented day, and has no *_text. The lifting was "announced yesterday" on
# 07-16, i.e. 07-15. Validity is inclusive at both ends: the ban holds
# through the day before the lifting.
BAN_FROM, LIFTED, BAN_TO = "2025-04", "2025-07-15", "2025-07-14"
LIFTED_TEXT = "announced yesterday"
BAN_TO_TEXT = "the lifting of restrictions was announced yesterday"
SALES_TO = "2025-04"             # H20 sales to China ended with the ban, some day of April
VISIT_JULY = "2025-07"           # the July visit: under way on July 16, after Washington "a week ago"
LAST_WEEK = "2025-W28"           # "a week ago" from Wednesday 2025-07-16 (week 29)
THIS_WEEK = "2025-W29"           # "this week" on 2025-07-16
EXPO_DAY = "2025-07-16"          # "the opening ceremony of the Chain Expo on July 16"

JH, Q, N = "Jensen Huang", "questioner", "narrator"

# ---------------------------------------------------------------- entities
# (id, kind, name, [aliases], description)
ENTITIES = [
    # Companies
    ("nvidia", "Company", "NVIDIA", ["NVIDIANVDA--", "NVDA", "NVIDIA Corporation", "英伟达"],
     "US maker of GPUs, AI chips and AI systems (CUDA, Hopper, Blackwell); founded 30+ years ago, public since 1999; no cloud services."),
    ("huawei", "Company", "Huawei", ["Huawei Technologies", "华为"],
     "Chinese maker of chips, systems, networks, smartphones; runs its own cloud; NVIDIA rival."),
    ("xiaomi", "Company", "Xiaomi", ["Xiaomi Auto", "Xiaomi Corporation", "小米"],
     "Chinese maker of smartphones, electric vehicles (Xiaomi Auto) and appliances; founded by Lei Jun."),
    ("nio", "Company", "NIO", ["NIO Inc.", "蔚来"], "Chinese electric vehicle maker."),
    ("li_auto", "Company", "Li Auto", ["Lixiang", "理想汽车"], "Chinese electric vehicle maker."),
    ("xpeng", "Company", "XPeng", ["XPeng Motors", "Xiaopeng", "小鹏汽车"], "Chinese electric vehicle maker."),
    ("baidu", "Company", "Baidu", ["百度"], "Chinese internet company; long-time NVIDIA partner."),
    ("alibaba", "Company", "Alibaba", ["Alibaba Group", "阿里巴巴"],
     "Chinese internet and cloud company; developer of the Qwen (Tongyi Qianwen) models."),
    ("tencent", "Company", "Tencent", ["Tencent Holdings", "腾讯"],
     "Chinese internet company (WeChat); long-time NVIDIA partner."),
    ("bytedance", "Company", "ByteDance", ["字节跳动"], "Chinese internet company behind consumer apps."),
    ("deepseek", "Company", "DeepSeek", ["DeepSeek AI", "深度求索"],
     "Chinese AI lab; launched DeepSeek R1, the first open-source reasoning (inference) model."),
    ("moonshot_ai", "Company", "Moonshot AI", ["Moonlight", "Moonshot", "月之暗面"],
     "Chinese AI company behind Kimi (the transcript translates its name as 'Moonlight')."),
    ("unitree", "Company", "Unitree Robotics", ["Unitree", "Yushu", "Yushu Technology", "宇树科技"],
     "Chinese robotics company (Chinese name Yushu)."),
    ("amd", "Company", "AMD", ["AMDAMD--", "Advanced Micro Devices"], "US chip maker; NVIDIA competitor in AI chips."),
    ("qualcomm", "Company", "Qualcomm", ["QualcommQCOM--", "QCOM"], "US chip maker; NVIDIA competitor in AI chips."),
    ("amazon", "Company", "Amazon", ["AmazonAMZN--", "AMZN", "Amazon.com"],
     "US cloud provider developing in-house AI chips."),
    ("google", "Company", "Google", ["Alphabet", "GOOGL"],
     "US cloud provider developing in-house AI chips; maker of the Pixel phone."),
    ("intel", "Company", "Intel", ["Intel Corporation", "INTC"], "US chip maker; owner of the x86 architecture."),
    ("sk_hynix", "Company", "SK Hynix", ["Hynix", "SK海力士"],
     "Korean memory maker; currently NVIDIA's largest HBM supplier."),
    ("samsung", "Company", "Samsung", ["Samsung Electronics", "三星"], "Korean memory maker; NVIDIA partner."),
    ("micron", "Company", "Micron", ["Micron Technology"], "US memory maker; NVIDIA partner."),
    ("meta", "Company", "Meta", ["Meta Platforms", "Facebook"],
     "US company led by Mark Zuckerberg; offered top AI talent $100 million packages."),
    ("apple", "Company", "Apple", ["Apple Inc.", "AAPL"], "US technology company; asked about lagging in AI."),
    ("openai", "Company", "OpenAI", [], "US AI company; one of the four AI tools Jensen Huang uses daily."),
    # Groups: sets of companies or people the text speaks of as one, without
    # naming them (or naming only some "like" or "e.g."). A remark about the
    # group is not a remark about each member.
    ("chinese_manufacturers", "Group", "Chinese manufacturers",
     ["China's local manufacturing industry", "Chinese chip makers"],
     "Chinese makers (not named in the text) launching competitive alternatives to NVIDIA and CUDA-compatible platforms."),
    ("nvidia_competitors", "Group", "NVIDIA's competitors", ["NVIDIA competitors", "Jensen Huang's competitors", "NVIDIA's rivals"],
     "NVIDIA's competitors as Huang speaks of them in general ('my competitors are all very strong'); the articles name AMD, Huawei, Qualcomm, Amazon and Google among them."),
    ("cloud_providers", "Group", "Cloud service providers", ["cloud providers", "cloud computing providers"],
     "Cloud providers developing their own AI chips; the articles name Amazon, Google and Huawei."),
    ("chinese_companies", "Group", "Chinese companies", ["Chinese tech companies", "approved Chinese companies"],
     "Companies in China NVIDIA collaborates with and supports, spoken of in general."),
    ("chinese_customers", "Group", "NVIDIA's customers in China", ["Chinese customers"],
     "NVIDIA's customers in China (not named), waiting for H20 orders."),
    # People
    ("jensen_huang", "Person", "Jensen Huang", ["Huang", "Jen-Hsun Huang", "Huang Renxun", "黄仁勋"],
     "Founder and CEO of NVIDIA."),
    ("lei_jun", "Person", "Lei Jun", ["雷军"], "Founder and leader of Xiaomi."),
    ("donald_trump", "Person", "Donald Trump", ["President Trump", "Trump", "特朗普"],
     "President of the United States; his administration banned, then re-allowed, H20 sales to China."),
    ("mark_zuckerberg", "Person", "Mark Zuckerberg", ["Zuckerberg"], "CEO of Meta."),
    ("us_commerce_secretary", "Person", "U.S. Secretary of Commerce",
     ["Secretary of Commerce", "US Commerce Secretary"],
     "The U.S. Secretary of Commerce (the text names the office, not the person); called the H20 the best product."),
    # Organizations
    ("us_government", "Organization", "U.S. government",
     ["US government", "United States government", "Trump administration"],
     "The US federal government (the Trump administration); controls chip exports."),
    ("chinese_government", "Organization", "Chinese government", ["Government of China", "PRC government", "中国政府"],
     "The government of the People's Republic of China."),
    ("us_department_of_commerce", "Organization", "U.S. Department of Commerce",
     ["US Department of Commerce", "Department of Commerce", "Commerce Department"],
     "US department that licenses chip exports; headed by the Secretary of Commerce."),
    ("tencent_technology", "Organization", "Tencent Technology", ["Tencent Tech", "腾讯科技"],
     "Tencent's technology news outlet; questioned Huang and edited the transcript."),
    ("wallstreetcn", "Organization", "Wallstreetcn", ["Wall Street CN", "华尔街见闻"],
     "Chinese financial news site that published the 15,000-word transcript (2025-07-17)."),
    # Countries
    ("china", "Country", "China", ["PRC", "People's Republic of China", "中国"],
     "People's Republic of China; the world's second-largest technology market."),
    ("united_states", "Country", "United States", ["U.S.", "US", "USA", "America", "United States of America", "美国"],
     "United States of America."),
    ("united_kingdom", "Country", "United Kingdom", ["UK", "Britain"], "United Kingdom."),
    ("canada", "Country", "Canada", [], "Canada."),
    # Products (including product categories)
    ("h20", "Product", "H20", ["H20 chip", "NVIDIA H20", "H20 GPU"],
     "NVIDIA Hopper-based AI chip for China; banned April 2025; re-allowed 2025-07-15, export licences still pending on 2025-07-16."),
    ("rtx_pro", "Product", "RTX Pro", ["RTX Pro GPU", "NVIDIA RTX Pro"],
     "NVIDIA Blackwell-based GPU for digital twins, robotics and sensor simulation; announced at CISCE 2025."),
    ("xiaomi_ultra", "Product", "Xiaomi Ultra", ["Ultra version", "Xiaomi Ultra EV"],
     "Xiaomi's newly launched Ultra-version electric car Lei Jun showed Huang (model not named in the text)."),
    ("google_pixel", "Product", "Google Pixel", ["Pixel", "Pixel phone"], "Google's Android phone; Huang's phone."),
    ("tiktok", "Product", "TikTok", [], "Globally popular Chinese short-video app."),
    ("xiaohongshu", "Product", "Xiaohongshu", ["RedNote", "Little Red Book", "小红书"], "Chinese lifestyle social app."),
    ("wechat", "Product", "WeChat", ["Weixin", "微信"], "Chinese messaging and payment app."),
    ("perplexity", "Product", "Perplexity", ["Perplexity AI"], "AI answer engine; one of Huang's four AI tools."),
    ("ai_chip", "Category", "AI chip", ["AI chips", "in-house chips", "AI accelerator"],
     "Category: chips for AI training and inference."),
    ("gpu", "Category", "GPU", ["GPUs", "graphics processing unit"], "Category: graphics processing units."),
    ("smartphone", "Category", "Smartphone", ["smartphones", "high-end smartphones"], "Category: mobile phones."),
    ("electric_vehicle", "Category", "Electric vehicle", ["EV", "EVs", "electric vehicles", "electric car"],
     "Category: battery electric cars."),
    ("battery", "Category", "Battery", ["batteries"], "Category."),
    ("solar_panel", "Category", "Solar panel", ["solar panels"], "Category."),
    ("air_conditioner", "Category", "Air conditioner", ["air conditioning"], "Category; one of Xiaomi's appliances."),
    ("ai_supercomputer", "Category", "AI supercomputer", ["AI supercomputers"],
     "Category: finished AI systems such as NVIDIA's; 9 months from wafer order to delivery."),
    ("dysprosium", "Category", "Dysprosium", ["Dy"], "Category (material): a rare-earth element; China almost suspended its export from 2025-04-04."),
    ("rare_earth_elements", "Category", "Rare earth elements", ["rare earths", "rare earth"],
     "Category (materials): the rare-earth metals."),
    ("dysprosium_capacitor", "Category", "Dysprosium capacitor", ["dysprosium capacitors"],
     "Category (component): advanced capacitors used in NVIDIA's Blackwell chips."),
    # AI models
    ("deepseek_r1", "AIModel", "DeepSeek R1", ["DeepSeek-R1", "R1"],
     "DeepSeek's open-source reasoning model; called the first open-source inference model."),
    ("qwen", "AIModel", "Qwen", ["Qianwen", "Tongyi Qianwen", "通义千问"], "Alibaba's large language model family."),
    ("kimi", "AIModel", "Kimi", [], "Moonshot AI's large language model."),
    ("gemini_pro", "AIModel", "Gemini Pro", ["Gemini"], "Google's AI model; one of Huang's four AI tools."),
    ("claude", "AIModel", "Claude", [], "Anthropic's AI model; one of Huang's four AI tools."),
    # Technologies, architectures, platforms, fields
    ("cuda", "Technology", "CUDA", ["Compute Unified Device Architecture"],
     "NVIDIA's GPU computing platform; 'already quite open'."),
    ("cuda_compatible_platform", "Technology", "CUDA-compatible platform",
     ["CUDA-compatible platforms", "CUDA compatibility"],
     "Platforms built by Chinese manufacturers to run CUDA applications."),
    ("hopper", "Technology", "Hopper", ["Hopper architecture", "Hopper series"], "NVIDIA GPU architecture behind the H20."),
    ("blackwell", "Technology", "Blackwell", ["Blackwell architecture", "Blackwell chip"],
     "NVIDIA GPU architecture behind the RTX Pro; uses dysprosium capacitors."),
    ("beta_hopper", "Technology", "Beta Hopper", [],
     "Name the transcript gives the previous RTX architecture, 'based on Hopper' (likely a mistranscription)."),
    ("omniverse", "Technology", "Omniverse", ["NVIDIA Omniverse"],
     "NVIDIA's application platform / AI library for digital twins and simulation; RTX Pro was built to run it."),
    ("linux", "Technology", "Linux", [], "Operating system; NVIDIA has its own software on it."),
    ("windows", "Technology", "Windows", ["Microsoft Windows"], "Operating system; NVIDIA has its own software on it."),
    ("operating_system", "Technology", "Operating system", ["operating systems", "OS"], "Category: operating systems."),
    ("edge_computing", "Technology", "Edge computing", ["edge devices", "edge AI"],
     "Computing on devices at the edge (cars, appliances) rather than in the cloud."),
    ("quantum_chemistry", "Technology", "Quantum chemistry", [], "Field; one of NVIDIA's integrated capabilities."),
    ("rf_5g", "Technology", "5G RF", ["5G RF technology", "5G radio frequency"],
     "5G radio-frequency technology; one of NVIDIA's integrated capabilities."),
    ("healthcare", "Technology", "Healthcare", ["health care"], "Field (industry) where DeepSeek R1 is applied."),
    ("energy", "Technology", "Energy", ["energy sector"], "Field (industry) where DeepSeek R1 is applied."),
    ("x86", "Technology", "x86", ["x86 architecture", "Intel x86"], "Intel's CPU instruction-set architecture."),
    ("android", "Technology", "Android", ["Android system"], "Mobile operating system; NVIDIA takes part in its development."),
    ("hbm", "Technology", "HBM", ["High Bandwidth Memory"], "High-bandwidth memory used in NVIDIA AI chips."),
    ("gddr", "Technology", "GDDR", ["Graphics DDR"], "Graphics memory used by NVIDIA."),
    ("lpddr", "Technology", "LPDDR", ["Low-Power DDR"], "Low-power memory used by NVIDIA."),
    ("ai", "Technology", "Artificial intelligence", ["AI"],
     "The field; per Huang a foundational industry NVIDIA created, 'the greatest technology'."),
    ("agi", "Technology", "Artificial general intelligence", ["AGI"],
     "AI at human level; Huang expects current benchmarks to be surpassed soon."),
    ("reasoning_ai", "Technology", "Reasoning AI", ["inference AI", "reasoning model", "inference model"],
     "Third wave of AI (after perception and generation): models that think before answering."),
    ("perceptual_ai", "Technology", "Perceptual AI", ["perceptual intelligence", "perception AI", "Wave 1"],
     "First generation (wave) of AI: recognising text, images, cats and dogs."),
    ("generative_ai", "Technology", "Generative AI", ["generation AI", "Wave 2"],
     "Second generation (wave) of AI, before reasoning AI."),
    ("agentic_ai", "Technology", "Agentic AI", ["Gentle AI"],
     "AI that thinks and acts over long periods ('Gentle AI' in the transcript)."),
    ("ai_inference", "Technology", "AI inference", ["inference", "model inference"], "Running trained models."),
    ("pre_training", "Technology", "Pre-training", ["pretraining"], "Training a model on large data sets."),
    ("post_training", "Technology", "Post-training", ["post-training optimization"],
     "Training by reasoning and simulation after pre-training; compute-heavy."),
    ("reinforcement_learning", "Technology", "Reinforcement learning", ["RL"], "Learning from rewards."),
    ("llm", "Technology", "Large language model", ["LLM", "LLMs", "large language models", "large models"],
     "Language models (also vision-language and action models)."),
    ("open_source_ai", "Technology", "Open-source AI", ["open-source model", "open-source models", "open source AI"],
     "AI models whose weights are openly released."),
    ("digital_twin", "Technology", "Digital twin", ["digital twins"], "Virtual replica used to train robots and factories."),
    ("robotics", "Technology", "Robotics", ["robots", "robotics industry"], "Robots; per Huang the fourth stage of AI."),
    ("humanoid_robot", "Technology", "Humanoid robot", ["humanoid robots"], "Human-shaped robots."),
    ("autonomous_driving", "Technology", "Autonomous driving", ["self-driving", "autonomous driving technology"],
     "Self-driving vehicle technology (NVIDIA develops its core technologies)."),
    ("autonomous_vehicle", "Category", "Autonomous vehicle", ["autonomous vehicles", "self-driving cars"],
     "Category: self-driving vehicles (NVIDIA does not manufacture them)."),
    ("onboard_system", "Technology", "Onboard driving system", ["onboard system", "onboard systems"],
     "The in-vehicle system that drives a car; 'too simplistic' today, to be given thinking by inference AI."),
    ("smart_factory", "Technology", "Smart factory", ["smart factories", "digital factory", "digital factories"],
     "Automated, reconfigurable factories."),
    ("ai_factory", "Technology", "AI factory", ["AI factories", "AI infrastructure"],
     "AI infrastructure that takes in power and outputs tokens."),
    ("ray_tracing", "Technology", "Ray tracing", [], "Rendering by simulating light rays; key to sensor simulation."),
    ("sensor_simulation", "Technology", "Sensor simulation", ["sensor simulations"],
     "Simulating lidar, radar and camera sensors for robots and vehicles."),
    ("computer_graphics", "Technology", "Computer graphics", ["computational graphics", "graphic computing"],
     "Image synthesis; now revolutionised by AI."),
    ("quantum_computing", "Technology", "Quantum computing", ["quantum computers"], "Computing with qubits."),
    ("scientific_computing", "Technology", "Scientific computing", ["physical simulation", "scientific services"],
     "Physics, weather and molecular simulation."),
    ("cloud_computing", "Technology", "Cloud computing", ["cloud services", "cloud platforms"], "Computing as a service."),
    ("ai_safety", "Technology", "AI safety", ["AI security"], "Techniques that keep AI within safe limits."),
    ("rlhf", "Technology", "RLHF", ["reinforcement learning from human feedback", "human feedback reinforcement learning"],
     "Aligns AI with human values."),
    ("rag", "Technology", "RAG", ["retrieval-augmented generation"], "Reduces hallucinations."),
    ("ai_guardrails", "Technology", "AI guardrails", ["guardrails"], "Limits that keep AI behaviour safe."),
    ("photonics", "Technology", "Photonics", ["photonic technology"], "Light-based chip interconnect technology."),
    ("networking", "Technology", "Networking", ["network technology", "network solutions"], "Computer networks."),
    ("chip_design", "Technology", "Chip design", ["chip engineering"], "Semiconductor design."),
    ("telecommunications", "Technology", "Telecommunications", ["telecom", "telecom technologies"], "Telecom equipment."),
    ("semiconductors", "Technology", "Semiconductors", ["semiconductor sector", "semiconductor industry"],
     "The chip industry."),
    ("supply_chain", "Technology", "Supply chain", ["supply chains"], "Manufacturing supply networks (field)."),
    ("manufacturing", "Technology", "Manufacturing", ["manufacturing capabilities"], "Industrial production (field)."),
    ("computer_science", "Technology", "Computer science", ["software"], "Computer science and software (field)."),
    ("mechatronics", "Technology", "Mechatronics", [], "Mechanical plus electronic engineering (field)."),
    ("mobile_payment", "Technology", "Mobile payment", ["mobile payments", "payment systems", "fintech"],
     "Phone-based payment and fintech."),
    ("computing", "Technology", "Computing", ["computer industry", "full-stack computing"],
     "Computers: chips, systems, software, algorithms, networks."),
    # Events
    ("cisce", "Event", "3rd China International Supply Chain Expo",
     ["CISCE", "China International Supply Chain Expo", "Chain Expo", "International Supply Chain Expo",
      "Supply Chain Expo", "supply chain conference", "链博会"],
     "Expo opened 2025-07-16 in China; Huang attended and announced the RTX Pro."),
    ("media_exchange", "Event", "Jensen Huang media exchange (2025-07-16)",
     ["media exchange session", "media conference", "media meeting", "communication conference",
      "Jensen Huang Exchange Meeting"],
     "Hour-long press exchange in China on 2025-07-16, after the CISCE opening."),
    ("h20_export_ban", "Event", "H20 export ban (April 2025)", ["Trump's chip ban", "Trump's H20 ban", "H20 ban"],
     "US ban on selling H20 chips to China, April 2025; NVIDIA wrote down $4 billion; lifted 2025-07-15."),
    ("h20_reapproval", "Event", "H20 sales re-approval (July 2025)",
     ["H20 re-approval", "lifting of H20 restrictions", "lifting of restrictions"],
     "US decision, announced 2025-07-15, to allow H20 sales to China again (licences pending)."),
    ("us_china_trade_negotiations", "Event", "US–China trade negotiations",
     ["US-China trade negotiations", "trade negotiations"], "US–China trade talks; China put the H20 on the table (the articles give no date)."),
    ("rare_earth_export_suspension", "Event", "China rare-earth export suspension (April 2025)",
     ["rare earth export suspension", "dysprosium export suspension"],
     "From 2025-04-04 China almost suspended exports of dysprosium and other rare earths."),
    ("nvidia_4t_milestone", "Event", "NVIDIA $4 trillion market value", ["$4 trillion milestone"],
     "NVIDIA's market value passed $4 trillion (before 2025-07-16; the articles give no date)."),
    ("h20_export_licences", "Event", "H20 export licences (pending)",
     ["H20 licences", "H20 export licenses", "H20 licensing approval"],
     "U.S. licences NVIDIA needs to sell the H20 in China after the lifting; still under review (not approved) on 2025-07-16."),
    ("huang_china_visit_2025_07", "Event", "Jensen Huang's July 2025 visit to China",
     ["Huang's third 2025 China visit", "Jensen Huang China visit July 2025"],
     "Huang's third visit to China in 2025 (CISCE, media exchange); Trump told him to have fun."),
    ("huang_china_visit_2025_spring", "Event", "Jensen Huang's Spring Festival 2025 visit to China",
     ["Huang's first 2025 China visit", "Jensen Huang Spring Festival visit"],
     "Huang's first visit to China in 2025, during the Spring Festival, at his employees' invitation."),
    ("nvidia_huawei_cooperation", "Event", "NVIDIA–Huawei cooperation (not reached)",
     ["NVIDIA-Huawei cooperation", "NVIDIA Huawei cooperation"],
     "The two companies have failed to reach a cooperation (questioner's premise)."),
    ("nvidia_ipo", "Event", "NVIDIA IPO (1999)", ["NVIDIA went public", "NVIDIA initial public offering"],
     "NVIDIA went public in 1999."),
    ("iclr", "Event", "ICLR", ["International Conference on Learning Representations"],
     "International AI research conference."),
]

# When each event happened, at the articles' precision (valid time of an
# event): start (and end when it spans days), the words they come from, and
# ongoing when it was still under way on the statement date (no end known).
# An event on one day has start only. Events the articles do not date (the
# trade negotiations, ICLR, the cooperation not reached, the $4 trillion
# milestone) have no dates.
EVENT_DATES = {
    "cisce": dict(start=EXPO_DAY, end=THIS_WEEK,
                  start_text="At the opening ceremony of the Chain Expo on July 16",
                  end_text="this week's expo"),
    "media_exchange": dict(start=EXPO_DAY, start_text="on July 16, ... during the afternoon media meeting"),
    "h20_export_ban": dict(start=BAN_FROM, end=BAN_TO, end_text=BAN_TO_TEXT),
    "h20_reapproval": dict(start=LIFTED, start_text="the lifting of restrictions was announced yesterday"),
    "rare_earth_export_suspension": dict(start="2025-04-04", start_text="Since April 4", ongoing=True),
    # Pending from the allowance on; "results are expected soon" on 07-16.
    "h20_export_licences": dict(start=LIFTED, start_text="the relevant licenses have not been approved",
                                ongoing=True),
    "huang_china_visit_2025_07": dict(start=VISIT_JULY, ongoing=True,
                                      start_text="I was in Washington a week ago, and before coming to China"),
    "huang_china_visit_2025_spring": dict(start="2025", end="2025",
                                          start_text="The first time was during the Spring Festival"),
    "nvidia_ipo": dict(start="1999", start_text="NVIDIA went public in 1999"),
}

# ---------------------------------------------------------------- relations
R = []  # one dict per relation, the columns of relations.csv


def rel(s, e, t, quote, speaker, src, conf, stance=None, vf=None, vt=None, date=None,
        vf_text=None, vt_text=None, modality=None, component=None):
    """One relation; date (the statement date) defaults to DATE (pass the
    article's date if it differs). vf/vt: validity at the articles'
    precision, vf_text/vt_text the words they come from; modality: the
    wording of an intention ("hope", "plan", "pledge"); component: what a
    SUPPLIES edge supplies."""
    R.append(dict(s=s, e=e, t=t, stance=stance, vf=vf, vt=vt, quote=quote, speaker=speaker, src=src,
                  date=date or DATE, conf=conf, vf_text=vf_text, vt_text=vt_text, modality=modality,
                  component=component))


def j0(s, e, t, quote, conf, **kw):  # Jensen Huang's own words in the transcript
    rel(s, e, t, quote, JH, S0, conf, **kw)


def q0(s, e, t, quote, conf, **kw):  # a journalist's question in the transcript
    rel(s, e, t, quote, Q, S0, conf, **kw)


def n0(s, e, t, quote, conf, **kw):  # Wallstreetcn's own text (summary, headline)
    rel(s, e, t, quote, N, S0, conf, **kw)


def n1(s, e, t, quote, conf, **kw):  # the summary article's own text
    rel(s, e, t, quote, N, S1, conf, **kw)


def many(fn, starts_ends, t, quote, conf, **kw):
    for s, e in starts_ends:
        fn(s, e, t, quote, conf, **kw)


JHx = "jensen_huang"

# --- leadership, founding, membership
n0(JHx, "nvidia", "LEADS", "NVIDIA CEO Jensen Huang visited China for the third time this year", 1.0)
n1(JHx, "nvidia", "LEADS", "NVIDIANVDA-- CEO Jensen Huang attended a media exchange session.", 1.0)
j0("lei_jun", "xiaomi", "LEADS", "Lei Jun has led Xiaomi to great success from smartphones to electric vehicles", 0.95)
j0("mark_zuckerberg", "meta", "LEADS", "I haven't talked to Mark Zuckerberg (Meta CEO) for a while", 1.0)
j0("donald_trump", "us_government", "LEADS", "I communicated with President Trump and his cabinet officials", 0.85)
q0("donald_trump", "us_government", "LEADS", "Additionally, the Trump administration has imposed many restrictions in the semiconductor sector.", 0.85)
q0("us_commerce_secretary", "us_department_of_commerce", "LEADS", "The U.S. Secretary of Commerce said H20 is the best product.", 0.8)
q0("us_department_of_commerce", "us_government", "MEMBER_OF", "The U.S. Secretary of Commerce said H20 is the best product.", 0.7)
n0(JHx, "nvidia", "FOUNDED", "Huang recounted his experience of graduating at 20 and founding NVIDIA", 1.0)
j0(JHx, "nvidia", "FOUNDED", "Then you can do other things, like founding NVIDIA, taking more risks", 0.9)
j0("lei_jun", "xiaomi", "FOUNDED", "The first time I met Xiaomi's founder Lei Jun in Beijing", 1.0)

# --- where things are based
j0("nvidia", "united_states", "BASED_IN", "The United States has many top-tier technology ecosystems, and NVIDIA represents one of them.", 0.9)
j0(JHx, "united_states", "BASED_IN", "I could have spent the Spring Festival in the United States", 0.8)
j0(JHx, "united_states", "BASED_IN", "Meanwhile, I am still using paper money in the U.S.", 0.7)
n1("huawei", "china", "BASED_IN", "while Chinese companies like Huawei have developed rapidly, their competitiveness is undeniable", 0.95)
many(n0, [("xiaomi", "china"), ("nio", "china"), ("xpeng", "china")], "BASED_IN",
     "He highly praised Chinese electric vehicle companies such as Xiaomi, Nio, and XPeng", 0.95)
j0("li_auto", "china", "BASED_IN", "Besides Xiaomi, there are Nio, Li Auto, and XPeng", 0.8)
many(j0, [("alibaba", "china"), ("tencent", "china")], "BASED_IN",
     "Xiaomi and many companies in China, like Alibaba and Tencent", 0.95)
j0("baidu", "china", "BASED_IN", "When I first came to China, companies like Baidu, Alibaba, Tencent, and Xiaomi did not exist.", 0.8)
many(j0, [("deepseek", "china"), ("moonshot_ai", "china")], "BASED_IN",
     "Companies like DeepSeek, Alibaba, and Moonlight have made significant breakthroughs in technology.", 0.85)
j0("bytedance", "china", "BASED_IN", "For example, applications like ByteDance may seem like consumer products", 0.75)
j0("unitree", "china", "BASED_IN", "China has many amazing innovative companies, and I believe that companies like Xiaomi and Yushu will launch impressive robotic products in the future.", 0.9)
j0("lei_jun", "china", "BASED_IN", "The first time I met Xiaomi's founder Lei Jun in Beijing", 0.7)
j0("cisce", "china", "BASED_IN", "This time, I was invited to attend the opening ceremony of the China International Supply Chain Expo", 0.95)
n0("media_exchange", "china", "BASED_IN", "at a communication conference in China", 0.95)
q0("us_government", "united_states", "BASED_IN", "What was the U.S. government's reaction to your visit to China?", 0.9)
n1("chinese_government", "china", "BASED_IN", "NVIDIA must maintain good relations with governments in China, the U.S., and other countries", 0.9)

# --- who makes what
j0("nvidia", "h20", "MAKES", "After the release of H20, its memory bandwidth is outstanding", 0.9)
j0("nvidia", "h20", "MAKES", "We are working hard to accelerate the recovery of the production capacity of the Hopper architecture products", 0.8)
j0("nvidia", "rtx_pro", "MAKES", "In addition, we have also launched a new product, RTX Pro, specifically designed for digital twin applications.", 1.0)
n1("nvidia", "rtx_pro", "MAKES", "Huang introduced the newly released RTX Pro GPU, based on the Blackwell architecture", 0.95)
j0("nvidia", "ai_supercomputer", "MAKES_KIND_OF", "it takes a full 9 months from placing a wafer order to delivering the finished AI supercomputer", 0.9)
q0("nvidia", "gpu", "MAKES_KIND_OF", "When will Chinese customers use NVIDIA's latest GPUs?", 0.95)
n1("nvidia", "ai_chip", "MAKES_KIND_OF", "Despite NVIDIA’s dominance in AI chips", 0.95)
j0("huawei", "ai_chip", "MAKES_KIND_OF", "Huawei not only makes chips, systems, and networks but also involves itself in many fields", 0.9)
n1("huawei", "smartphone", "MAKES_KIND_OF", "acknowledging Huawei’s formidable strength in high-end smartphones and telecom technologies", 0.85)
j0("xiaomi", "xiaomi_ultra", "MAKES", "He enthusiastically showed me the newly launched Ultra version", 0.85)
j0("xiaomi", "xiaomi_ultra", "MAKES", "I just met Lei Jun a few days ago, and he showed me his new car.", 0.8)
j0("xiaomi", "electric_vehicle", "MAKES_KIND_OF", "Lei Jun has led Xiaomi to great success from smartphones to electric vehicles", 0.95)
j0("xiaomi", "smartphone", "MAKES_KIND_OF", "Lei Jun has led Xiaomi to great success from smartphones to electric vehicles", 0.95)
n0("xiaomi", "electric_vehicle", "MAKES_KIND_OF", "Huang gave high praise to Chinese car manufacturers such as Xiaomi Auto, NIO, and XPeng", 0.95)
q0("xiaomi", "air_conditioner", "MAKES_KIND_OF", "They are also involved in air conditioning and other equipment!", 0.8)
many(n0, [("nio", "electric_vehicle"), ("xpeng", "electric_vehicle")], "MAKES_KIND_OF",
     "Huang gave high praise to Chinese car manufacturers such as Xiaomi Auto, NIO, and XPeng", 0.95)
j0("li_auto", "electric_vehicle", "MAKES_KIND_OF", "Besides Xiaomi, there are Nio, Li Auto, and XPeng, which have very spacious cars", 0.9)
j0("google", "google_pixel", "MAKES", "I use a Google Pixel phone", 0.85)

# --- who develops what
j0("nvidia", "cuda", "DEVELOPS", "In fact, CUDA itself is already quite open; you can refer to the detailed documentation of CUDA and then develop compatible versions based on that", 0.85)
j0("nvidia", "hopper", "DEVELOPS", "We are working hard to accelerate the recovery of the production capacity of the Hopper architecture products", 0.85)
n0("nvidia", "blackwell", "DEVELOPS", "The H20 chip has been re-approved for sale, which will promote more Blackwell architecture products landing in China in the future.", 0.8)
j0("nvidia", "blackwell", "DEVELOPS", "The new RTX architecture is based on Blackwell, while the previous RTX architecture was based on Hopper.", 0.8)
j0("nvidia", "beta_hopper", "DEVELOPS", "In fact, we refer to it as Beta Hopper.", 0.7)
j0("nvidia", "omniverse", "DEVELOPS", "In applications, we have an AI library called Omniverse, where all operations run on Omniverse.", 0.95)
j0("nvidia", "autonomous_driving", "DEVELOPS", "While we do not directly manufacture autonomous vehicles, we develop the core technologies required for them.", 0.95)
j0("nvidia", "ai_guardrails", "DEVELOPS", 'We have also created "AI guardrails" to ensure AI behavior remains within safe limits.', 0.75)
j0("nvidia", "android", "DEVELOPS", "I use a Google Pixel phone because NVIDIA is also involved in the development of the Android system.", 0.7)
j0("nvidia", "ai", "DEVELOPS", "Moreover, we created an entirely new industry, which is AI, and it will become a foundational technology.", 0.8)
n1("nvidia", "ai", "DEVELOPS", 'its fundamental contribution lies in "redefining computing" and pioneering AI as a foundational industry', 0.8)
j0("nvidia", "computing", "DEVELOPS", "But we redefined computing, which is the most important tool in human history.", 0.7)
q0("nvidia", "ai_factory", "DEVELOPS", "NVIDIA is fully committed to building AI factories.", 0.9)
j0("nvidia", "ai_factory", "DEVELOPS", "We have just started building AI infrastructure, and we have only been doing it for two years.", 0.85,
   vf="2023", vf_text="we have only been doing it for two years")
many(n0, [("huawei", "photonics"), ("huawei", "networking"), ("huawei", "ai_chip")], "DEVELOPS",
     "Huang commended Huawei for making significant breakthroughs in chips, network solutions, and photonic technology", 0.95)
many(q0, [("amazon", "ai_chip"), ("google", "ai_chip"), ("huawei", "ai_chip")], "DEVELOPS",
     "Amazon, Google, and Huawei are developing their own AI chips.", 0.95)
many(n1, [("amazon", "ai_chip"), ("google", "ai_chip")], "DEVELOPS",
     "Addressing competition from cloud providers (e.g., AmazonAMZN--, Google) developing in-house chips", 0.95)
many(n1, [("amd", "ai_chip"), ("qualcomm", "ai_chip")], "DEVELOPS",
     "Despite NVIDIA’s dominance in AI chips, competitors like AMDAMD--, Huawei, and QualcommQCOM-- are rapidly catching up.", 0.8)
j0("intel", "x86", "DEVELOPS", "This is different from Intel's x86 architecture.", 0.95)
j0("intel", "x86", "DEVELOPS", "If you develop products compatible with (Intel) X86 architecture, they might be unhappy.", 0.9)
n1("deepseek", "deepseek_r1", "DEVELOPS", "citing examples like DeepSeek's launch of the world's first open-source inference model", 0.9)
j0("deepseek", "deepseek_r1", "DEVELOPS", "It is worth mentioning that DeepSeek is the world's first open-source inference model, which is undoubtedly a major breakthrough.", 0.7)
n1("alibaba", "qwen", "DEVELOPS", "while also recognizing Alibaba's Tongyi Qianwen and Kimi as outstanding technologies", 0.95)
j0("moonshot_ai", "kimi", "DEVELOPS", "Companies like DeepSeek, Alibaba, and Moonlight have made significant breakthroughs in technology.", 0.5)
q0("unitree", "robotics", "DEVELOPS", "How is the cooperation progress with robotics companies like Yushu?", 0.9)
many(j0, [("xiaomi", "robotics"), ("unitree", "robotics")], "DEVELOPS",
     "companies like Xiaomi and Yushu will launch impressive robotic products in the future", 0.8)
q0("sk_hynix", "hbm", "DEVELOPS", "Regarding the HBM supply chain, SK Hynix is currently the largest supplier.", 0.85)
j0("meta", "ai_factory", "DEVELOPS", "Meta has already built a very strong GPU infrastructure for their business and has also created some of the largest infrastructures in the AI field globally", 0.8)

# --- what is based on / uses / is a kind of what
n1("h20", "hopper", "BASED_ON", "While the H20 still holds advantages in inference capabilities and bandwidth due to its Hopper architecture", 0.95)
j0("h20", "hopper", "BASED_ON", "Today, the H20 is still very excellent because it has reasoning capabilities and the bandwidth brought by the Hopper architecture", 0.9)
j0("rtx_pro", "blackwell", "BASED_ON", "The new RTX architecture is based on Blackwell", 0.95)
n1("rtx_pro", "blackwell", "BASED_ON", "Huang introduced the newly released RTX Pro GPU, based on the Blackwell architecture", 1.0)
j0("beta_hopper", "hopper", "BASED_ON", "the previous RTX architecture was based on Hopper. In fact, we refer to it as Beta Hopper.", 0.7)
j0("agentic_ai", "reasoning_ai", "BASED_ON", "This has actually opened up a whole new field—Gentle AI, which is a very important direction.", 0.6)
q0("dysprosium_capacitor", "dysprosium", "BASED_ON", "Regarding the dysprosium capacitors used in the Blackwell chip", 0.8)
j0("google_pixel", "android", "RUNS", "The reason I like the Pixel phone is that it has a pure Android system", 0.9)
many(j0, [("nvidia", "hbm"), ("nvidia", "gddr"), ("nvidia", "lpddr")], "USES",
     "The HBM, GDDR, and LPDDR memory we use are all the most advanced technologies in the world.", 0.95)
j0("nvidia", "dysprosium_capacitor", "USES", "Because the dysprosium capacitors we use are among the most complex and advanced components in the world", 0.95)
q0("blackwell", "dysprosium_capacitor", "USES", "Regarding the dysprosium capacitors used in the Blackwell chip", 0.9)
j0("nvidia", "cuda", "USES", "We also use CUDA for scientific services, helping us with physical simulations", 0.9)
j0("nvidia", "ai_supercomputer", "USES", "Nowadays, we have equipped engineers with many AI supercomputers", 0.9)
for tool in ("openai", "gemini_pro", "claude", "perplexity"):
    j0(JHx, tool, "USES", "I mainly use four AI tools: OpenAI, Gemini Pro, Claude, and Perplexity.", 1.0)
    n0(JHx, tool, "USES", "Huang mentioned that he regularly uses four AI tools: OpenAI, Gemini Pro, Claude, and Perplexity, without relying on a single tool.", 1.0)
j0(JHx, "google_pixel", "USES", "I use a Google Pixel phone", 1.0)
j0("meta", "gpu", "USES", "Meta has already built a very strong GPU infrastructure for their business", 0.9)
j0("computer_graphics", "ai", "USES", "Today's computer graphics technology would not be possible without AI.", 0.9)
j0("quantum_computing", "ai", "USES", "We are also providing AI support for quantum computing because to generate useful results from quantum computers, you must have quantum error correction technology.", 0.7)
j0("onboard_system", "reasoning_ai", "USES", "the onboard system equipped with inference AI can actively think", 0.75)
j0("autonomous_driving", "onboard_system", "USES", "Take autonomous driving as an example: when a vehicle encounters an unfamiliar road condition, the onboard system equipped with inference AI can actively think", 0.8)
j0("rtx_pro", "ray_tracing", "USES", "This new GPU is different from H20; it has computational graphics and ray tracing capabilities.", 0.9)
j0("rtx_pro", "computer_graphics", "USES", "it is a product that integrates both computational graphics and AI functions", 0.9)
q0("h20", "ai_chip", "IS_A", "Can you talk about the demand for the H20 chip from Chinese customers?", 0.85)
n1("rtx_pro", "gpu", "IS_A", "Huang introduced the newly released RTX Pro GPU", 1.0)
q0("rtx_pro", "gpu", "IS_A", "regarding the new GPU, can you share more details about RTX Pro?", 0.95)
j0("deepseek_r1", "reasoning_ai", "IS_A", "because DeepSeek R1 is essentially a reasoning engine that requires iterative calculations", 0.9)
j0("deepseek_r1", "open_source_ai", "IS_A", "It is the first open-source inference model and is highly efficient.", 0.95)
j0("kimi", "open_source_ai", "IS_A", "In terms of the application scenarios they are designed for, they are highly efficient and open-source", 0.7)
j0("xiaomi_ultra", "electric_vehicle", "IS_A", "Notably, I had the privilege of witnessing the highly anticipated new electric vehicle.", 0.9)
j0("google_pixel", "smartphone", "IS_A", "I use a Google Pixel phone", 1.0)
q0("dysprosium", "rare_earth_elements", "IS_A", "China has almost suspended the export of dysprosium and other rare earth elements", 0.95)
j0("rlhf", "ai_safety", "IS_A", "Many security technologies have already been invented, such as human feedback reinforcement learning (RLHF) to ensure AI performs tasks that align with human values", 0.9)
j0("rag", "ai_safety", "IS_A", "retrieval-augmented generation (RAG) to reduce hallucinations and improve the accuracy of generated content", 0.8)
j0("ai_guardrails", "ai_safety", "IS_A", 'We have also created "AI guardrails" to ensure AI behavior remains within safe limits.', 0.9)
n0("cuda_compatible_platform", "cuda", "COMPATIBLE_WITH", "Regarding the phenomenon of Chinese manufacturers developing CUDA-compatible platforms", 1.0)
j0("cuda_compatible_platform", "cuda", "COMPATIBLE_WITH", "If a platform is compatible with CUDA and can support these compatible applications, then I think it's fine.", 0.9)

# --- what products are designed for / suited to
for q in ("RTX Pro is specifically designed for digital twins and robotic simulations, and the two serve different purposes.",
          "In addition, we have also launched a new product, RTX Pro, specifically designed for digital twin applications.",
          "it is a product that integrates both computational graphics and AI functions, specifically designed for digital twins"):
    j0("rtx_pro", "digital_twin", "DESIGNED_FOR", q, 1.0)
j0("rtx_pro", "robotics", "DESIGNED_FOR", "RTX Pro is specifically designed for digital twins and robotic simulations", 0.95)
many(n1, [("rtx_pro", "digital_twin"), ("rtx_pro", "autonomous_driving"), ("rtx_pro", "robotics")], "DESIGNED_FOR",
     "It is designed for applications such as digital twins, autonomous driving, and robotics, differentiating it from the H20.", 1.0)
n1("rtx_pro", "robotics", "DESIGNED_FOR", "New RTX Pro GPU Targets Digital Twins, Autonomous Driving, and Robotics", 0.9)
many(j0, [("rtx_pro", "smart_factory"), ("rtx_pro", "digital_twin"), ("rtx_pro", "robotics")], "DESIGNED_FOR",
     "We launched RTX Pro specifically tailored for applications like these digital factories, digital twins, and robotics.", 1.0)
j0("rtx_pro", "omniverse", "DESIGNED_FOR", "RTX Pro was initially built to run a new application platform called Omniverse", 1.0)
many(n1, [("rtx_pro", "computer_graphics"), ("rtx_pro", "ray_tracing"), ("rtx_pro", "sensor_simulation")], "DESIGNED_FOR",
     "which focuses on computer graphics, ray tracing, and sensor simulation", 0.95)
many(j0, [("rtx_pro", "robotics"), ("rtx_pro", "smart_factory")], "SUITED_FOR",
     'RTX Pro is very suitable for teaching robots how to become "robots" and for teaching smart factories how to improve efficiency and quality.', 0.95)
many(j0, [("rtx_pro", "smart_factory"), ("rtx_pro", "autonomous_driving"), ("rtx_pro", "robotics")], "SUITED_FOR",
     "We can simulate sensors in digital factories, or sensors in autonomous vehicles, or sensors on robots", 0.8)
j0("rtx_pro", "smart_factory", "SUITED_FOR", "I believe that in China, where robot innovation is thriving, smart factory construction is in full swing, and the supply chain system is extremely complete, RTX Pro will surely shine.", 0.85)
j0("h20", "ai_inference", "SUITED_FOR", "especially in model inference, where H20 continues to perform excellently", 0.95)
n1("h20", "ai_inference", "SUITED_FOR", "the H20 still holds advantages in inference capabilities and bandwidth due to its Hopper architecture", 0.9)
j0("h20", "llm", "SUITED_FOR", "particularly suitable for large language models, visual language, and action models", 0.95)
j0("h20", "llm", "SUITED_FOR", "After all, H20 is very suitable for training large models and remains excellent.", 0.95)
j0("h20", "reasoning_ai", "SUITED_FOR", "Today, the H20 is still very excellent because it has reasoning capabilities", 0.7)
for m in ("deepseek_r1", "qwen"):
    j0("h20", m, "SUITED_FOR", "which is very suitable for the models being developed here, such as DeepSeek and innovative architectures like Qianwen", 0.85)
    j0("h20", m, "SUITED_FOR", "These models are very suitable for H20.", 0.8)
many(j0, [("ray_tracing", "sensor_simulation"), ("ray_tracing", "computer_graphics")], "SUITED_FOR",
     "Ray tracing is very important for sensor simulation, such as lidar, radar, and computer graphics.", 0.9)
many(j0, [("omniverse", "smart_factory"), ("omniverse", "robotics")], "SUITED_FOR",
     "which is crucial for digital factories, smart factories, and robotics", 0.85)
j0("digital_twin", "robotics", "SUITED_FOR", "The reason for needing a digital robot is to train it in the digital world to teach the physical robot how to perform tasks excellently.", 0.85)
j0("cuda", "scientific_computing", "SUITED_FOR", "We also use CUDA for scientific services, helping us with physical simulations, enabling us to conduct larger-scale weather predictions", 0.9)
j0("reasoning_ai", "cloud_computing", "SUITED_FOR", "Inference AI models will be widely applied in cloud and edge computing.", 0.85)
j0("reasoning_ai", "autonomous_driving", "SUITED_FOR", "Take autonomous driving as an example: when a vehicle encounters an unfamiliar road condition, the onboard system equipped with inference AI can actively think", 0.85)
j0("gpu", "computer_graphics", "SUITED_FOR", "in computer graphics and video technology, GPUs have brought explosive growth in graphic computing", 0.9)
many(j0, [("robotics", "manufacturing"), ("ai", "manufacturing")], "SUITED_FOR",
     "With the combination of robotics technology and AI capabilities, production costs will significantly decrease", 0.8)
many(j0, [("battery", "china"), ("solar_panel", "china"), ("electric_vehicle", "china")], "MANUFACTURED_IN",
     "certain products, such as batteries, solar panels, and electric vehicles, can almost only be manufactured in China", 0.95)
j0("ai", "smart_factory", "SUITED_FOR", "AI factories will have greater agility and reconfigurability.", 0.6)
j0("rtx_pro", "cisce", "ANNOUNCED_AT", "Therefore, this week's expo is a very appropriate time to announce this product.", 0.9,
   vf=THIS_WEEK, vt=THIS_WEEK, vf_text="this week's expo", vt_text="this week's expo")

# --- supply, partnership, competition, markets
q0("sk_hynix", "nvidia", "SUPPLIES", "Regarding the HBM supply chain, SK Hynix is currently the largest supplier.", 0.9, component="HBM")
# Weak: the question asks whether Samsung/Micron will *enter* the HBM supply
# chain; Huang calls them partners and praises their memory, without saying
# what they supply today.
many(j0, [("samsung", "nvidia"), ("micron", "nvidia")], "SUPPLIES",
     "I will not choose between SK Hynix, Micron, and Samsung; all three companies are very important partners for us.", 0.4,
     component="memory")

n1("nvidia", "china", "INTENDS_TO_SUPPLY", "expressing hopes to provide China with chips more advanced than the H20", 0.9, modality="hope")
j0("nvidia", "china", "INTENDS_TO_SUPPLY", "I hope to bring more advanced chips to the Chinese market, such as the H20.", 0.9, modality="hope")
j0("nvidia", "china", "SELLS_IN", "We have always maintained an expansion trend in the Chinese market, and NVIDIA has achieved rapid growth in recent years.", 0.95)
j0("nvidia", "china", "SELLS_IN", "China is the second-largest technology market in the world and is still growing rapidly; this market is very important.", 0.8)
n1("nvidia", "china", "SELLS_IN", "demonstrating NVIDIA’s confidence in China’s AI prospects and its commitment to the Chinese market", 0.85)
j0("h20", "china", "SELLS_IN", "first, the timing of new orders from customers, as previous orders were canceled, and their needs may have changed", 0.7, vt=SALES_TO)
# No H20 SELLS_IN China after the lifting: on 07-16 the licences were not yet
# granted and no orders were accepted (see REVIEWS_APPROVAL below).
q0("rtx_pro", "china", "SELLS_IN", "Why are you launching RTX Pro in China?", 0.9)
j0("nvidia", "xiaomi", "PARTNERS_WITH", "We have close cooperation with Xiaomi in many areas.", 1.0)
j0("nvidia", "xiaomi", "PARTNERS_WITH", "Xiaomi is a fantastic partner.", 1.0)
many(j0, [("nvidia", "baidu"), ("nvidia", "alibaba"), ("nvidia", "tencent"), ("nvidia", "xiaomi")], "PARTNERS_WITH",
     "I came very early, and it is my honor to collaborate with these companies, especially when NVIDIA was still young.", 0.85)
for q in ("all three companies are very important partners for us",
          "We maintain cooperative relationships with all three companies."):
    many(j0, [("nvidia", "sk_hynix"), ("nvidia", "samsung"), ("nvidia", "micron")], "PARTNERS_WITH", q, 0.95)
q0("nvidia", "unitree", "PARTNERS_WITH", "How is the cooperation progress with robotics companies like Yushu?", 0.5)
j0("nvidia", "huawei", "COMPETES_WITH", "And they have already been able to compete with us, which speaks volumes about their strength.", 0.95)
j0("nvidia", "huawei", "COMPETES_WITH", "We are always learning from all competitors, including Huawei.", 0.95)
many(n1, [("nvidia", "amd"), ("nvidia", "huawei"), ("nvidia", "qualcomm")], "COMPETES_WITH",
     "Despite NVIDIA’s dominance in AI chips, competitors like AMDAMD--, Huawei, and QualcommQCOM-- are rapidly catching up.", 0.95)
many(n1, [("nvidia", "amazon"), ("nvidia", "google")], "COMPETES_WITH",
     "Addressing competition from cloud providers (e.g., AmazonAMZN--, Google) developing in-house chips", 0.9)
j0("nvidia", "cloud_providers", "COMPETES_WITH",
   "Regarding the issue of cloud service providers developing their own chips, our company strategy is different from theirs.", 0.75)
j0("cloud_providers", "ai_chip", "DEVELOPS", "Regarding the issue of cloud service providers developing their own chips", 0.95)
j0("cloud_providers", "cloud_computing", "PROVIDES_SERVICE", "Regarding the issue of cloud service providers developing their own chips", 0.9)
many(n1, [("amazon", "cloud_providers"), ("google", "cloud_providers")], "MEMBER_OF",
     "Addressing competition from cloud providers (e.g., AmazonAMZN--, Google) developing in-house chips", 0.95)
many(q0, [("amazon", "cloud_providers"), ("google", "cloud_providers"), ("huawei", "cloud_providers")], "MEMBER_OF",
     "How do you view the competition among cloud computing providers?", 0.8)
many(q0, [("amazon", "google"), ("amazon", "huawei"), ("google", "huawei")], "COMPETES_WITH",
     "How do you view the competition among cloud computing providers?", 0.7)
many(j0, [("sk_hynix", "samsung"), ("sk_hynix", "micron"), ("samsung", "micron")], "COMPETES_WITH",
     "I will not choose between SK Hynix, Micron, and Samsung", 0.6)
many(n0, [("xiaomi", "nio"), ("xiaomi", "xpeng"), ("nio", "xpeng")], "COMPETES_WITH",
     "companies like Xiaomi are reshaping the global competitive landscape", 0.5)
many(j0, [("li_auto", "xiaomi"), ("li_auto", "nio"), ("li_auto", "xpeng")], "COMPETES_WITH",
     "Besides Xiaomi, there are Nio, Li Auto, and XPeng", 0.5)
many(j0, [("deepseek_r1", "kimi"), ("deepseek_r1", "qwen"), ("qwen", "kimi")], "COMPETES_WITH",
     "These models have a very unique positioning globally, and each has its own advantages.", 0.5)
j0("huawei", "cloud_computing", "PROVIDES_SERVICE", "they also have their own cloud services", 0.95)
many(n1, [("amazon", "cloud_computing"), ("google", "cloud_computing")], "PROVIDES_SERVICE",
     "Addressing competition from cloud providers (e.g., AmazonAMZN--, Google) developing in-house chips", 0.95)
many(q0, [("amazon", "cloud_computing"), ("google", "cloud_computing"), ("huawei", "cloud_computing")], "PROVIDES_SERVICE",
     "How do you view the competition among cloud computing providers?", 0.8)

# --- what NVIDIA supports, invests in
for q, spk, src, c in (("These AI systems are designed to support the entire lifecycle of AI—from pre-training, post-training, reinforcement learning, to the inference process.", JH, S0, 0.95),
                       ("This requires substantial investment to develop advanced systems covering the entire AI lifecycle - including pre-training, post-training optimization, reinforcement learning, and inference.", N, S1, 0.9)):
    for t in ("pre_training", "post_training", "reinforcement_learning", "ai_inference"):
        rel("nvidia", t, "SUPPORTS", q, spk, src, c)
j0("nvidia", "quantum_computing", "SUPPORTS", "We are also providing AI support for quantum computing", 0.95)
j0("nvidia", "llm", "SUPPORTS", "Similarly, we do not develop large language models, but we build the foundational technology architecture for them.", 0.95)
many(n1, [("nvidia", "llm"), ("nvidia", "autonomous_driving")], "SUPPORTS",
     "NVIDIA’s collaboration with Chinese companies focuses on technical support (e.g., autonomous driving, foundational tech for large models)", 0.9)
j0("nvidia", "chinese_companies", "SUPPORTS", "We are committed to supporting all approved Chinese companies, whether they are emerging technology firms or industry leaders.", 0.95)
n1("nvidia", "chinese_companies", "PARTNERS_WITH", "NVIDIA’s collaboration with Chinese companies focuses on technical support", 0.95)
q0("nvidia", "chinese_companies", "PARTNERS_WITH", "Will you continue to collaborate with Chinese companies?", 0.8)
j0("nvidia", "android", "SUPPORTS", "We have our own operating systems on multiple platforms such as Linux, Windows, and Android", 0.7)
n1("nvidia", "cloud_computing", "SUPPORTS", "open and universal AI architectures that can be deployed across various cloud platforms and enterprise-built systems", 0.8)
j0("nvidia", "china", "INVESTS_IN", "If you want to maintain growth, you must continue to invest.", 0.75)
n1("nvidia", "china", "INTENDS_TO_INVEST_IN", "As a result, NVIDIA plans to expand hiring in China", 0.9, modality="plan")
n1("nvidia", "china", "INTENDS_TO_INVEST_IN", "pledging to deepen cooperation in China", 0.8, modality="pledge")
j0("nvidia", "ai", "INVESTS_IN", "Our primary strategy is to invest heavily in building the most advanced AI systems.", 0.9)
q0("meta", "ai", "INVESTS_IN", "Meta recently offered top AI talents a compensation package of $100 million", 0.7)
j0("meta", "ai", "INVESTS_IN", "I believe Mark has decided to fully invest in the AI field, and this is undoubtedly a wise choice.", 0.9)

# --- who excels in what
for q, spk, c in (("China's supply chain infrastructure, ecosystem, and technological level are very advanced, with a massive manufacturing scale", JH, 0.95),
                  ("China's supply chain system is complex, efficient, and has significant manufacturing advantages", N, 0.95),
                  ("China has established an extremely complete supply chain system", JH, 0.95)):
    rel("china", "supply_chain", "EXCELS_IN", q, spk, S0, c)
j0("china", "manufacturing", "EXCELS_IN", "especially in the field of mass consumer goods manufacturing, which has irreplaceable advantages", 0.9)
n0("china", "manufacturing", "EXCELS_IN", "NVIDIA CEO Jensen Huang emphasized the efficiency of the Chinese supply chain and manufacturing advantages", 0.9)
j0("china", "manufacturing", "EXCELS_IN", "the largest application scenarios and manufacturing base in the world", 0.85)
n0("china", "ai", "EXCELS_IN", "China is globally leading in AI models, engineering talent, and industrial applications.", 0.9)
n1("china", "ai", "EXCELS_IN", "noting that China leads in rapid technology integration and application", 0.8)
j0("china", "ai", "EXCELS_IN", "China has made rapid progress in this regard, especially at the model level.", 0.85)
j0("china", "ai", "EXCELS_IN", "similarly, China also has the opportunity to lead in AI", 0.6)
j0("china", "electric_vehicle", "EXCELS_IN", "The development of electric vehicles in China is truly amazing.", 0.9)
many(j0, [("china", "supply_chain"), ("china", "electric_vehicle")], "EXCELS_IN",
     "The technological system of the American computer industry is akin to China's supply chain system and electric vehicle industry, both of which are national core competitive advantages.", 0.9)
j0("china", "computer_science", "EXCELS_IN", "China's computer science and software capabilities are world-class", 0.9)
j0("china", "computer_science", "EXCELS_IN", "China has a very deep foundation in mathematics and scientific culture, which provides a good soil for the development of AI", 0.7)
j0("china", "mobile_payment", "EXCELS_IN", "In China, mobile payments have become fully popularized", 0.85)
j0("china", "mobile_payment", "EXCELS_IN", "China is indeed at the forefront of technological applications, especially in payment systems and fintech.", 0.9)
j0("china", "mechatronics", "EXCELS_IN", "strong capabilities in mechatronics", 0.9)
j0("china", "robotics", "EXCELS_IN", "These three advantages make me optimistic about the development prospects of China's robotics industry.", 0.7)
j0("united_states", "computing", "EXCELS_IN", "The American computer industry—including chips, systems, software, algorithms, and network computing—constitutes a world-class standard and is a national strategic asset.", 0.9)
j0("united_states", "computing", "EXCELS_IN", "no industry has been able to occupy such a leading position globally as the American computer industry", 0.9)
j0("united_states", "ai", "EXCELS_IN", "This is a once-in-a-lifetime opportunity for the U.S. to maintain a lead in AI technology", 0.7)
many(j0, [("huawei", "chip_design"), ("huawei", "networking"), ("huawei", "photonics"), ("huawei", "ai_chip")], "EXCELS_IN",
     "They have excelled in chip design, systems engineering, network technology, silicon chips, and photonics", 0.95)
many(n1, [("huawei", "smartphone"), ("huawei", "telecommunications")], "EXCELS_IN",
     "acknowledging Huawei’s formidable strength in high-end smartphones and telecom technologies", 0.9)
n1("nvidia", "ai_chip", "EXCELS_IN", "Despite NVIDIA’s dominance in AI chips", 0.9)
j0("nvidia", "computing", "EXCELS_IN", "We are one of the few companies in the world capable of achieving full-stack innovation from algorithm architecture, system software, hardware systems, network technology to chip design.", 0.9)
j0("nvidia", "computing", "EXCELS_IN", "This full-stack technology integration capability is rare in the history of human technology.", 0.85)
for co in ("sk_hynix", "samsung", "micron"):
    for mem in ("hbm", "gddr", "lpddr"):
        j0(co, mem, "EXCELS_IN", "These three companies perform exceptionally well in these areas.", 0.7)
j0("apple", "ai", "EXCELS_IN", "I have no doubt about their excellence in AI.", 0.8)

# --- governments: restrictions, approvals (with validity), compliance, advice
q0("us_government", "h20", "RESTRICTS", "Due to Trump's chip ban, NVIDIA wrote down $4 billion in assets.", 0.95, vf=BAN_FROM, vt=BAN_TO, vt_text=BAN_TO_TEXT)
q0("us_government", "h20", "RESTRICTS", "How is the market demand after the news of the lifting of restrictions was announced yesterday?", 0.85, vf=BAN_FROM, vt=BAN_TO, vt_text=BAN_TO_TEXT)
q0("donald_trump", "h20", "RESTRICTS", "Have you changed your view on Trump's H20 ban?", 0.9, vf=BAN_FROM, vt=BAN_TO, vt_text=BAN_TO_TEXT)
q0("donald_trump", "h20", "RESTRICTS", "Due to Trump's chip ban, NVIDIA wrote down $4 billion in assets.", 0.85, vf=BAN_FROM, vt=BAN_TO, vt_text=BAN_TO_TEXT)
q0("us_government", "semiconductors", "RESTRICTS", "Additionally, the Trump administration has imposed many restrictions in the semiconductor sector.", 0.9)
j0("us_government", "nvidia", "RESTRICTS", "As for export controls, these are external factors that we cannot control and may indeed disrupt NVIDIA's business.", 0.8)
n1("us_government", "nvidia", "RESTRICTS", "Regarding export controls, Huang stated that NVIDIA must maintain good relations with governments", 0.6)
many(q0, [("china", "dysprosium"), ("china", "rare_earth_elements")], "RESTRICTS",
     "Since April 4, China has almost suspended the export of dysprosium and other rare earth elements.", 0.9, vf="2025-04-04", vf_text="Since April 4")
q0("us_government", "h20", "APPROVES", "Regarding the Trump administration's allowance to sell H20 chips to China", 0.95, vf=LIFTED, vf_text=LIFTED_TEXT)
q0("donald_trump", "h20", "APPROVES", "Regarding the Trump administration's allowance to sell H20 chips to China", 0.8, vf=LIFTED, vf_text=LIFTED_TEXT)
n0("us_government", "h20", "APPROVES", "pointing out that the re-approval of the H20 chip for sale will drive more products to market", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
n0("us_government", "h20", "APPROVES", "The H20 chip has been re-approved for sale", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
# The announced allowance (APPROVES above) is not yet a licence: as of 07-16
# the export licences are still under review and no orders are accepted.
j0("us_government", "h20", "REVIEWS_APPROVAL", "Not yet, as the relevant licenses have not been approved.", 0.95, vf=LIFTED, vf_text=LIFTED_TEXT)
j0("us_government", "h20", "REVIEWS_APPROVAL", "The U.S. government departments are in the approval process, and results are expected soon.", 0.95, vf=LIFTED, vf_text=LIFTED_TEXT)
n1("us_government", "h20", "REVIEWS_APPROVAL", "the resumption of H20 sales in China depends on U.S. government licensing approval", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
many(j0, [("h20_export_licences", "h20"), ("h20_export_licences", "us_government"), ("h20_export_licences", "nvidia")], "INVOLVES",
     "Not yet, as the relevant licenses have not been approved.", 0.85, vf=LIFTED, vf_text=LIFTED_TEXT)
j0("h20_export_licences", "h20", "INVOLVES", "Once approved, we will be able to officially accept orders.", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
j0("h20_export_licences", "us_government", "INVOLVES", "The U.S. government departments are in the approval process, and results are expected soon.", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
n1("h20_export_licences", "h20", "INVOLVES", "the resumption of H20 sales in China depends on U.S. government licensing approval", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
j0("h20_export_licences", "nvidia", "AFFECTS", "Once approved, we will be able to officially accept orders.", 0.9)
many(n1, [("nvidia", "us_government"), ("nvidia", "chinese_government")], "COMPLIES_WITH",
     "NVIDIA must maintain good relations with governments in China, the U.S., and other countries, complying with policies while adapting to regulatory impacts through corporate flexibility", 0.9)
many(j0, [("nvidia", "us_government"), ("nvidia", "chinese_government")], "COMPLIES_WITH",
     "each country has its own national security and trade policies, which is the right of the nation, and we need to comply with these policies", 0.8)
j0(JHx, "donald_trump", "ADVISES", "My responsibility is to inform the president about matters I am very familiar with, namely the development of the technology industry and AI globally.", 0.9)
j0("nvidia", "us_government", "ADVISES", "Our responsibility is to explain the intent of the policies and their potential unintended impacts to the government", 0.8)
many(j0, [("nvidia", "us_government"), ("nvidia", "chinese_government")], "ADVISES",
     "Through continuous communication, we help them better understand our technology, leading to more reasonable policies and regulations.", 0.7)
j0("nvidia", "us_government", "ADVISES", "What we can do is provide factual evidence, and the rest is beyond our control.", 0.6)

# --- meetings, visits, attendance, reporting
j0(JHx, "lei_jun", "MET_WITH", "I just met Lei Jun a few days ago, and he showed me his new car.", 1.0,
   vf=VISIT_JULY, vt=VISIT_JULY, vf_text="a few days ago", vt_text="a few days ago")
j0(JHx, "lei_jun", "MET_WITH", "The first time I met Xiaomi's founder Lei Jun in Beijing, he was still very young", 0.95)
j0(JHx, "lei_jun", "MET_WITH", "We talked about AI, including the latest developments in AI in language models, autonomous driving, and robotics.", 0.9,
   vf=VISIT_JULY, vt=VISIT_JULY, vf_text="a few days ago", vt_text="a few days ago")
j0(JHx, "donald_trump", "MET_WITH", "before coming to China, I communicated with President Trump and his cabinet officials", 0.9,
   vf=LAST_WEEK, vt=LAST_WEEK, vf_text="I was in Washington a week ago, and before coming to China", vt_text="a week ago")
j0(JHx, "us_government", "MET_WITH", "before coming to China, I communicated with President Trump and his cabinet officials", 0.85,
   vf=LAST_WEEK, vt=LAST_WEEK, vf_text="I was in Washington a week ago, and before coming to China", vt_text="a week ago")
# The July visit was under way on 07-16 (its end is not given); the three
# visits of the year and the first, during the Spring Festival, are dated to
# the year only.
n0(JHx, "china", "VISITS", "NVIDIA CEO Jensen Huang visited China for the third time this year, making headlines across major media outlets.", 1.0,
   vf=VISIT_JULY, vf_text="the third time this year")
n1(JHx, "china", "VISITS", "Notably, this marks Huang’s third visit to China in 2025, all due to invitations.", 1.0,
   vf=VISIT_JULY, vf_text="third visit to China in 2025")
j0(JHx, "china", "VISITS", "Yes, I have been to China three times this year, all due to invitations.", 1.0,
   vf="2025", vt="2025", vf_text="three times this year", vt_text="this year")
j0(JHx, "china", "VISITS", "The first time was during the Spring Festival", 0.9,
   vf="2025", vt="2025", vf_text="during the Spring Festival", vt_text="during the Spring Festival")
j0(JHx, "huang_china_visit_2025_spring", "ATTENDED", "The first time was during the Spring Festival", 0.9,
   vf="2025", vt="2025", vf_text="during the Spring Festival", vt_text="during the Spring Festival")
many(j0, [("huang_china_visit_2025_spring", JHx), ("huang_china_visit_2025_spring", "china")], "INVOLVES",
     "The first time was during the Spring Festival", 0.9)
j0("huang_china_visit_2025_spring", "huang_china_visit_2025_07", "PRECEDES",
   "Yes, I have been to China three times this year, all due to invitations. The first time was during the Spring Festival", 0.9)
j0(JHx, "united_states", "VISITS", "I was in Washington a week ago", 0.8,
   vf=LAST_WEEK, vt=LAST_WEEK, vf_text="a week ago", vt_text="a week ago")
j0(JHx, "cisce", "ATTENDED", "This time, I was invited to attend the opening ceremony of the China International Supply Chain Expo, which is a very important event covering multiple aspects.", 1.0,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
n0(JHx, "cisce", "ATTENDED", "At the opening ceremony of the Chain Expo on July 16, Huang appeared in a traditional Tang suit", 1.0,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
n1(JHx, "cisce", "ATTENDED", "Following his participation in the 3rd China International Supply Chain Expo (CISCE)", 1.0,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
j0(JHx, "cisce", "ATTENDED", "This time, I was invited to give a keynote speech at the supply chain conference.", 0.95,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
n1(JHx, "media_exchange", "ATTENDED", "NVIDIANVDA-- CEO Jensen Huang attended a media exchange session.", 1.0,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
n0(JHx, "media_exchange", "ATTENDED", "during the afternoon media meeting, he changed into his signature leather jacket", 0.95,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
n0("tencent_technology", "media_exchange", "ATTENDED", "At the meeting, Huang told Tencent Technology", 0.9,
   vf=EXPO_DAY, vt=EXPO_DAY, vf_text="the opening ceremony of the Chain Expo on July 16")
n0("tencent_technology", "media_exchange", "REPORTS_ON", "The following is a transcript of the media conference, edited by Tencent Technology", 1.0)
n0("wallstreetcn", "media_exchange", "REPORTS_ON", "Jensen Huang Exchange Meeting 15,000-word Transcript: Discussing China-US Chips, H20, CUDA Compatibility, Extremely High Information Content", 0.85)

# --- events: what they involve and affect
many(n0, [("media_exchange", "h20"), ("media_exchange", "cuda"), ("media_exchange", "china"), ("media_exchange", "united_states")], "INVOLVES",
     "Jensen Huang Exchange Meeting 15,000-word Transcript: Discussing China-US Chips, H20, CUDA Compatibility, Extremely High Information Content", 0.9)
many(n1, [("media_exchange", "nvidia"), ("media_exchange", "china"), ("media_exchange", "ai")], "INVOLVES",
     "Huang addressed key topics including NVIDIA’s technology strategy, industry competition, China market positioning, and AI development", 0.9)
n0("media_exchange", "agi", "INVOLVES", "Jensen Huang believes that according to current assessment standards, AGI may be achieved soon without fundamental technological breakthroughs", 0.85)
many(j0, [("cisce", "robotics"), ("cisce", "smart_factory")], "INVOLVES",
     "This week marks the opening of the third International Supply Chain Expo, which covers complex systems such as robotics and smart factories.", 0.9)
j0("cisce", "supply_chain", "INVOLVES", "many multinational companies are attending this year, showcasing how global supply chains are interdependent", 0.85)
many(q0, [("h20_export_ban", "h20"), ("h20_export_ban", "donald_trump")], "INVOLVES",
     "Have you changed your view on Trump's H20 ban?", 0.95, vf=BAN_FROM, vt=BAN_TO, vt_text=BAN_TO_TEXT)
q0("h20_export_ban", "us_government", "INVOLVES", "the Trump administration has imposed many restrictions in the semiconductor sector", 0.7, vf=BAN_FROM, vt=BAN_TO, vt_text=BAN_TO_TEXT)
q0("h20_reapproval", "h20", "INVOLVES", "How is the market demand after the news of the lifting of restrictions was announced yesterday?", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
q0("h20_reapproval", "us_government", "INVOLVES", "Regarding the Trump administration's allowance to sell H20 chips to China", 0.9, vf=LIFTED, vf_text=LIFTED_TEXT)
q0("us_china_trade_negotiations", "h20", "INVOLVES", "given that China has included the H20 chip as part of the negotiations", 0.9)
many(j0, [("us_china_trade_negotiations", "united_states"), ("us_china_trade_negotiations", "china")], "INVOLVES",
     "I am not familiar with the specific details of the negotiations between the two countries.", 0.85)
many(q0, [("rare_earth_export_suspension", "dysprosium"), ("rare_earth_export_suspension", "rare_earth_elements"),
          ("rare_earth_export_suspension", "china")], "INVOLVES",
     "Since April 4, China has almost suspended the export of dysprosium and other rare earth elements.", 0.95, vf="2025-04-04", vf_text="Since April 4")
j0("nvidia_4t_milestone", "nvidia", "INVOLVES", "our market value has surpassed $4 trillion", 1.0)
n1("nvidia_4t_milestone", "nvidia", "INVOLVES", 'Reflecting on NVIDIA\'s journey from being the "lowest market-cap tech company globally" to becoming the "highest market-cap tech company,"', 0.7)
j0(JHx, "iclr", "PRAISES", 'Through international conferences like ICLR, global researchers can engage in "virtual collaboration" through papers, even if they have never met.', 0.5, stance=0.4)
q0("h20_export_ban", "nvidia", "AFFECTS", "Due to Trump's chip ban, NVIDIA wrote down $4 billion in assets.", 0.95)
j0("h20_export_ban", "nvidia", "AFFECTS", "we may not be able to fully recover the previous inventory write-down losses, but most of the inventory can be recovered", 0.85)
j0("h20_export_ban", "h20", "AFFECTS", "as previous orders were canceled, and their needs may have changed", 0.7)
j0("rare_earth_export_suspension", "nvidia", "AFFECTS", "The impact is limited.", 0.4)
n0("h20_reapproval", "blackwell", "AFFECTS", "which will promote more Blackwell architecture products landing in China in the future", 0.6)
n0("h20_reapproval", "nvidia", "AFFECTS", "the re-approval of the H20 chip for sale will drive more products to market", 0.7)
j0("h20_reapproval", "nvidia", "AFFECTS", "We are fully preparing to meet the demand as quickly as possible.", 0.7)

# --- stance: PRAISES
def praise(e, quote, stance, conf=0.9, fn=j0, s=JHx, t="PRAISES"):
    fn(s, e, t, quote, conf, stance=stance)


# China
praise("china", "he was deeply impressed by China's highly developed supply chain", 0.8, fn=n0)
praise("china", "First, China's supply chain is very complex and advanced.", 0.7)
praise("china", "Huang praised China’s AI application innovation (including platforms like TikTok and Xiaohongshu)", 0.8, fn=n1)
praise("china", "He believes that China's education system in the AI field has cultivated excellent researchers", 0.7, fn=n0)
praise("china", "Behind all this, is China's strong education system, which has cultivated many of the world's best AI researchers.", 0.8)
praise("china", "commending the expertise of Chinese engineers, some of whom have worked with him for over 25 years", 0.7, fn=n1)
praise("china", "But I believe there is an underestimated miracle: China's computer science and software capabilities are world-class.", 0.8)
praise("china", "Global companies are learning from China's innovative practices.", 0.7)
praise("china", "China's electric vehicles may be one of the biggest surprises in global progress", 0.8)
praise("china", "reiterated his optimism about China’s strengths in AI applications, supply chains, and electric vehicles", 0.7, fn=n1)
praise("china", "The models in China are all very impressive.", 0.8)
praise("china", "I believe China will be very successful in the field of AI.", 0.6)
praise("china", "I have very high expectations for China and look forward to seeing the future development of the Chinese market.", 0.6)
praise("china", "China has unique advantages because you already have top-notch AI technology reserves", 0.8)
praise("chinese_customers", "In China, we have many challenging customers, but they are also committed to innovation", 0.5)
praise("chinese_customers", "There are many vibrant and innovative customers here.", 0.7)
praise("china", "Huang emphasized the efficiency of the Chinese supply chain and manufacturing advantages", 0.7, fn=n0)
praise("china", "In fact, anyone who underestimates Huawei or the manufacturing capabilities of China is extremely naive and ignorant.", 0.8, t="RESPECTS")
praise("china", "I am very confident about the future of the United States and China.", 0.6)
praise("united_states", "I am very confident about the future of the United States and China.", 0.6)
praise("united_states", "I believe the United States will continue to be vibrant, with all its excellent resources", 0.6)
praise("united_states", "Throughout history, no industry has been able to occupy such a leading position globally as the American computer industry", 0.8)
for c in ("united_kingdom", "canada"):
    praise(c, "even talents from the UK, Canada, and other places are also very outstanding", 0.6)
# Huawei
praise("huawei", "and commended Huawei for its technological breakthroughs", 0.7, fn=n0)
praise("huawei", "Huang commended Huawei for making significant breakthroughs in chips, network solutions, and photonic technology, calling it a model to learn from.", 0.8, fn=n0)
praise("huawei", "As a large-scale company, Huawei has a deep tradition and excellent technical strength, making it very powerful.", 0.8)
praise("huawei", "Huawei is a very powerful company, and I have seen the technologies they have developed.", 0.8)
praise("huawei", "First of all, Huawei has indeed achieved remarkable accomplishments.", 0.8)
praise("huawei", "But ultimately, they are indeed doing very well.", 0.6)
praise("huawei", "In fact, anyone who underestimates Huawei or the manufacturing capabilities of China is extremely naive and ignorant.", 0.9, t="RESPECTS")
praise("huawei", "Huang thinks underestimating Huawei and China’s manufacturing capabilities is extremely naive", 0.9, fn=n1, t="RESPECTS")
praise("huawei", "acknowledging Huawei’s formidable strength in high-end smartphones and telecom technologies", 0.8, fn=n1, t="RESPECTS")
praise("huawei", "Huawei can independently explore the market with a complete ecosystem, and this comprehensive strength is indeed admirable.", 0.8, t="RESPECTS")
praise("huawei", "Their ability to come close to us says it all", 0.7, t="RESPECTS")
praise("huawei", "their competitiveness is undeniable, and ecosystem maturity is only a matter of time", 0.7, fn=n1, t="RESPECTS")
praise("huawei", "We are always learning from all competitors, including Huawei.", 0.6, t="RESPECTS")
# Xiaomi, EV makers, Lei Jun
for c in ("xiaomi", "nio", "xpeng"):
    praise(c, "He highly praised Chinese electric vehicle companies such as Xiaomi, Nio, and XPeng", 0.9, fn=n0)
    praise(c, "Huang gave high praise to Chinese car manufacturers such as Xiaomi Auto, NIO, and XPeng", 0.9, fn=n0)
for c in ("nio", "li_auto", "xpeng"):
    praise(c, "Besides Xiaomi, there are Nio, Li Auto, and XPeng, which have very spacious cars, almost like a living room on wheels", 0.6)
praise("xiaomi", "companies like Xiaomi are reshaping the global competitive landscape", 0.8, fn=n0)
praise("xiaomi", "Xiaomi is a fantastic partner.", 0.9)
praise("xiaomi", "That's right, it's incredible. They have many innovations under Xiaomi's system.", 0.7)
for c in ("xiaomi", "alibaba", "tencent"):
    praise(c, "Xiaomi and many companies in China, like Alibaba and Tencent, have unique performances in hardware and software that are unparalleled in the world.", 0.8)
for c in ("xiaomi", "unitree"):
    praise(c, "companies like Xiaomi and Yushu will launch impressive robotic products in the future", 0.6)
praise("lei_jun", "Huang praised Lei Jun, stating that from the first day they met, he knew Lei Jun would succeed.", 0.8, fn=n0)
praise("lei_jun", "From day one, I knew he would succeed.", 0.8)
praise("lei_jun", "Lei Jun has led Xiaomi to great success from smartphones to electric vehicles, which is commendable.", 0.7)
praise("lei_jun", "Lei Jun's insights on these topics are impressive", 0.7)
praise("lei_jun", "As a leader with a strong technical background and excellent business acumen", 0.8, t="RESPECTS")
praise("xiaomi_ultra", "The technology is incredible, the design is very beautiful, and the craftsmanship is exquisite.", 0.9)
praise("xiaomi_ultra", "The technology inside the car is top-notch in the world.", 0.9)
praise("xiaomi_ultra", "whose outstanding performance completely exceeded my expectations", 0.9)
praise("xiaomi_ultra", "Although I had learned about this car online long ago, seeing it in person was still shocking.", 0.8)
praise("xiaomi_ultra", "I would love to buy one, although they are not yet sold in the U.S., which is unfortunate.", 0.7)
praise("electric_vehicle", "From a technological perspective, these cars are absolutely unique, and the quality is definitely top-notch", 0.8)
praise("electric_vehicle", "In fact, the configurations inside the car are fantastic, and the electric vehicles are great early models.", 0.7)
praise("electric_vehicle", "stating that Chinese electric vehicles are a global surprise", 0.8, fn=n0)
# Chinese AI
praise("deepseek_r1", "DeepSeek R1 is a revolutionary model.", 0.9)
praise("deepseek_r1", "DeepSeek R1 adopts a highly innovative and efficient architecture", 0.8)
praise("deepseek_r1", "He also praised the innovative architecture of models like DeepSeek R1, highlighting their significant breakthroughs in inference efficiency.", 0.8, fn=n1)
praise("deepseek_r1", "It is worth mentioning that DeepSeek is the world's first open-source inference model, which is undoubtedly a major breakthrough.", 0.8)
for m in ("deepseek_r1", "kimi"):
    praise(m, "The models in China are all very impressive.", 0.8)
for m in ("qwen", "kimi"):
    praise(m, "while also recognizing Alibaba's Tongyi Qianwen and Kimi as outstanding technologies", 0.8, fn=n1)
praise("qwen", "such as DeepSeek and innovative architectures like Qianwen", 0.6)
for c in ("deepseek", "alibaba", "moonshot_ai"):
    praise(c, "Companies like DeepSeek, Alibaba, and Moonlight have made significant breakthroughs in technology.", 0.7)
praise("deepseek", "He specifically acknowledged technological breakthroughs at the model layer, citing examples like DeepSeek's launch of the world's first open-source inference model", 0.7, fn=n1)
for a in ("wechat", "xiaohongshu", "tiktok"):
    praise(a, "China has nurtured many unique innovations, such as WeChat, Xiaohongshu, and the globally popular TikTok, which have profoundly changed the global internet ecosystem.", 0.8)
for a in ("tiktok", "xiaohongshu"):
    praise(a, "Huang praised China’s AI application innovation (including platforms like TikTok and Xiaohongshu)", 0.7, fn=n1)
praise("bytedance", "applications like ByteDance may seem like consumer products, but the technology behind them is extremely advanced", 0.8)
for c in ("baidu", "alibaba", "tencent", "xiaomi"):
    praise(c, "it is my honor to collaborate with these companies", 0.6, t="RESPECTS")
# US companies and people
praise("mark_zuckerberg", "it is clear that he has a very grand vision for the future", 0.7)
praise("mark_zuckerberg", "I believe Mark has decided to fully invest in the AI field, and this is undoubtedly a wise choice.", 0.8)
praise("meta", "Right now, his pace of action is very fast, and I believe they will definitely succeed.", 0.7)
praise("meta", "Because Meta has already built a very strong GPU infrastructure for their business", 0.6)
praise("apple", "I believe Apple has many outstanding talents.", 0.7)
praise("apple", "I have no doubt about their excellence in AI.", 0.7)
praise("apple", "Apple has always been advancing at its own pace, but whatever they do, I firmly believe it will attract widespread attention.", 0.6, t="RESPECTS")
for c in ("sk_hynix", "samsung", "micron"):
    praise(c, "These three companies perform exceptionally well in these areas.", 0.7)
    praise(c, "Therefore, I believe that the future development prospects for SK Hynix, Samsung, and Micron are very broad.", 0.6)
    praise(c, "all three companies are very important partners for us", 0.6, t="RESPECTS")
# NVIDIA and its products
praise("nvidia", "If I can say this about my company, I feel very proud.", 0.8)
praise("nvidia", "What is most surprising is that NVIDIA is very good at adapting to change.", 0.7)
praise("nvidia", "I believe this is part of NVIDIA's charm.", 0.6)
praise("nvidia", "You may know that NVIDIA is the smallest big company in the world.", 0.5)
praise("rtx_pro", "Therefore, RTX Pro is a unique innovative product and can be considered a world first.", 0.9)
praise("rtx_pro", "RTX Pro will surely shine. I am incredibly excited about this.", 0.9)
praise("h20", "After all, H20 is very suitable for training large models and remains excellent.", 0.7)
praise("h20", "So I believe H20 will be very successful and definitely very useful.", 0.8)
praise("h20", "Today, the H20 is still very excellent because it has reasoning capabilities", 0.8)
praise("h20", "One advantage of H20 is its outstanding memory bandwidth", 0.7)
praise("h20", "The U.S. Secretary of Commerce said H20 is the best product.", 0.8, conf=0.8, fn=q0, s="us_commerce_secretary")
praise("hopper", "Today, Hopper is outstanding, but in a few years, we will have more and better technologies.", 0.7)
praise("omniverse", "You should take a look; it is truly impressive.", 0.8)
praise("cuda", "In fact, CUDA itself is already quite open", 0.4, conf=0.7)
praise("cuda", "he does not mind compatibility, as CUDA itself is quite open", 0.4, conf=0.7, fn=n0)
# Technologies and ideas
rel(JHx, "open_source_ai", "PRAISES", "China's open-source AI is a catalyst for global progress.", JH, S0, 0.8, stance=0.8)  # Huang's words, quoted back to him
praise("open_source_ai", "So openness allows every industry and every country to participate.", 0.7)
praise("open_source_ai", "This scrutiny and openness ensure safety.", 0.6)
praise("ai", "AI is the greatest technology; it is the biggest equalizer in anything", 0.9)
praise("google_pixel", "The reason I like the Pixel phone is that it has a pure Android system", 0.7)
praise("android", "without unnecessary add-ons, simple and clean, and it runs very smoothly", 0.6, conf=0.8)
praise("agentic_ai", "This has actually opened up a whole new field—Gentle AI, which is a very important direction.", 0.6, conf=0.8)
praise("humanoid_robot", "the technological breakthroughs in humanoid robots and AI come at a timely moment, presenting rare development opportunities", 0.6, conf=0.8)
praise("quantum_computing", "I believe quantum computing is very important, and it is changing things.", 0.6)
praise("cisce", "which is a very important event covering multiple aspects", 0.6)
praise("reasoning_ai", "This reasoning ability is powerful because it represents the foundation of intelligence.", 0.7)
# Others' praise
j0("donald_trump", "nvidia_4t_milestone", "PRAISES", "President Trump has always encouraged me to celebrate an important milestone for NVIDIA—our market value has surpassed $4 trillion.", 0.85, stance=0.8)
j0("donald_trump", "nvidia", "PRAISES", "He is very proud of this achievement and happy for me.", 0.8, stance=0.8)
j0("donald_trump", JHx, "PRAISES", "He is very proud of this achievement and happy for me.", 0.7, stance=0.6)

# --- stance: WELCOMES
praise("nvidia_competitors", "He welcomed competition as a driver of industry progress, noting that rivals’ efforts validate market vitality.", 0.6, conf=0.9, fn=n1, t="WELCOMES")
praise("cuda_compatible_platform", "But if you develop products compatible with CUDA, I won't mind at all.", 0.6, t="WELCOMES")
praise("cuda_compatible_platform", "But if you develop products compatible with CUDA, I wouldn't mind at all.", 0.6, t="WELCOMES")
praise("cuda_compatible_platform", "If a platform is compatible with CUDA and can support these compatible applications, then I think it's fine.", 0.5, t="WELCOMES")
praise("cuda_compatible_platform", "Huang told Tencent Technology that he does not mind compatibility", 0.5, fn=n0, t="WELCOMES")
praise("h20_reapproval", "pointing out that the re-approval of the H20 chip for sale will drive more products to market", 0.6, conf=0.8, fn=n0, t="WELCOMES")
praise("china", "In short, as long as I receive an invitation, I am very willing to come to China again", 0.7, t="WELCOMES")
praise("china", "I hope so, remember to invite me, and I will definitely come", 0.7, t="WELCOMES")
for c in ("china", "united_states"):
    praise(c, "A house should be able to accommodate at least two people. So, there is definitely room for cooperation.", 0.6, conf=0.7, t="WELCOMES")
praise("cisce", "I am also very pleased to participate in the celebration of the opening ceremony.", 0.7, t="WELCOMES")

# --- stance: CRITICIZES, only where words of criticism aim at the entity.
# Huang's remarks on export controls ("external factors that we cannot
# control", "explain ... their potential unintended impacts") describe a
# policy and his role; they criticize no one, so they are not stance edges.
praise("onboard_system", "Current onboard systems are too simplistic", -0.4, conf=0.9, t="CRITICIZES")


# --- facts added after the audit of issue 4 (each quoted where the text states it)
# China's share of AI researchers
j0("china", "ai", "EXCELS_IN", "About 50% of AI researchers globally are in China.", 0.95)
n0("china", "ai", "EXCELS_IN", "with about 50% of AI researchers globally located in China", 0.95)
n1("china", "ai", "EXCELS_IN", "China’s education system produces about 50% of the world’s AI researchers", 0.95)
# Chinese alternatives and CUDA-compatible platforms
n0("chinese_manufacturers", "cuda_compatible_platform", "DEVELOPS", "Regarding the phenomenon of Chinese manufacturers developing CUDA-compatible platforms", 0.95)
q0("chinese_manufacturers", "nvidia", "COMPETES_WITH", "Recently, China's local manufacturing industry has begun to launch quite competitive alternatives.", 0.8)
q0("chinese_manufacturers", "china", "BASED_IN", "Recently, China's local manufacturing industry has begun to launch quite competitive alternatives.", 0.95)
n0("chinese_manufacturers", "china", "BASED_IN", "Regarding the phenomenon of Chinese manufacturers developing CUDA-compatible platforms", 0.95)
# Respect for competitors in general: a remark about "competitors" is about
# the group, not about each competitor the articles name elsewhere, so it
# does not count towards Huang's stance on AMD or Huawei.
praise("nvidia_competitors", "However, my competitors are all very strong.", 0.7, t="RESPECTS")
praise("nvidia_competitors", "I maintain a high level of respect for competition globally", 0.6, conf=0.8, t="RESPECTS")
praise("nvidia_competitors", "Although many competitors are my friends, I also want to win.", 0.5, conf=0.8, t="RESPECTS")
praise("nvidia_competitors", "We should respect all competitors, learn from them, draw inspiration, and turn that into motivation to move forward.", 0.7, t="RESPECTS")
praise("nvidia_competitors", "We are always learning from all competitors, including Huawei.", 0.6, t="RESPECTS")
many(n1, [("amd", "nvidia_competitors"), ("huawei", "nvidia_competitors"), ("qualcomm", "nvidia_competitors")], "MEMBER_OF",
     "Despite NVIDIA’s dominance in AI chips, competitors like AMDAMD--, Huawei, and QualcommQCOM-- are rapidly catching up.", 1.0)
j0("huawei", "nvidia_competitors", "MEMBER_OF", "We are always learning from all competitors, including Huawei.", 1.0)
many(n1, [("amazon", "nvidia_competitors"), ("google", "nvidia_competitors")], "MEMBER_OF",
     "Addressing competition from cloud providers (e.g., AmazonAMZN--, Google) developing in-house chips", 0.9)
# Trump's reaction to the visit
q0(JHx, "huang_china_visit_2025_07", "ATTENDED", "This is your third visit to China this year.", 0.9,
   vf=VISIT_JULY, vf_text="your third visit to China this year")
n0("huang_china_visit_2025_07", "china", "BASED_IN", "NVIDIA CEO Jensen Huang visited China for the third time this year", 1.0)
many(n0, [("huang_china_visit_2025_07", JHx), ("huang_china_visit_2025_07", "china")], "INVOLVES",
     "NVIDIA CEO Jensen Huang visited China for the third time this year", 1.0)
many(n0, [("huang_china_visit_2025_07", "cisce"), ("huang_china_visit_2025_07", "media_exchange")], "INVOLVES",
     "At the opening ceremony of the Chain Expo on July 16, Huang appeared in a traditional Tang suit, and during the afternoon media meeting", 0.9)
j0("donald_trump", "huang_china_visit_2025_07", "WELCOMES", "He told me to have fun when I go to China.", 0.8, stance=0.6,
   vf=LAST_WEEK, vt=LAST_WEEK, vf_text="I was in Washington a week ago, and before coming to China", vt_text="a week ago")
# AGI and the stages of AI
j0(JHx, "agi", "PREDICTS", "I believe we will soon surpass human teams in these benchmark tests.", 0.85)
n0(JHx, "agi", "PREDICTS", "Jensen Huang believes that according to current assessment standards, AGI may be achieved soon without fundamental technological breakthroughs", 0.95)
j0(JHx, "agi", "PREDICTS", "I believe that a fundamental technological revolution is not necessary to achieve this goal in the near future.", 0.85)
j0(JHx, "robotics", "PREDICTS", "The next stage will be robotics.", 0.9)
WAVES = "The first generation of AI is perceptual intelligence (Wave 1), the second generation is generative AI (Wave 2), and now we are in the third generation: reasoning AI."
STAGES = "the current development of AI is divided into four stages: perception, generation, reasoning, and robotics."
for a, b in (("perceptual_ai", "generative_ai"), ("generative_ai", "reasoning_ai")):
    j0(a, b, "PRECEDES", WAVES, 1.0)
    j0(a, b, "PRECEDES", STAGES, 0.95)
j0("reasoning_ai", "robotics", "PRECEDES", "The next stage will be robotics.", 0.95)
j0("reasoning_ai", "robotics", "PRECEDES", STAGES, 0.95)
for t in ("perceptual_ai", "generative_ai", "reasoning_ai"):
    j0(t, "ai", "IS_A", WAVES, 0.9)
j0("perceptual_ai", "ai", "IS_A", "Early perceptual AI primarily learned through massive amounts of data", 0.9)
j0("pre_training", "perceptual_ai", "SUITED_FOR", "Early perceptual AI primarily learned through massive amounts of data", 0.5)
# Edge computing
j0("reasoning_ai", "edge_computing", "SUITED_FOR", "Inference AI models will be widely applied in cloud and edge computing.", 0.85)
j0("reasoning_ai", "edge_computing", "SUITED_FOR", "Edge devices will deploy AI with thinking capabilities", 0.8)
# Operating systems
OS_QUOTE = "We have our own operating systems on multiple platforms such as Linux, Windows, and Android"
for o in ("linux", "windows"):
    j0("nvidia", o, "SUPPORTS", OS_QUOTE, 0.7)
for o in ("linux", "windows", "android"):
    j0(o, "operating_system", "IS_A", OS_QUOTE, 0.9)
# Quantum chemistry, 5G RF and NVIDIA's other integrated capabilities
NV_FULL = "from infrastructure to language model algorithms, from robotics to computer graphics, and even quantum chemistry and 5G RF technology"
for t in ("quantum_chemistry", "rf_5g", "robotics", "computer_graphics"):
    j0("nvidia", t, "EXCELS_IN", NV_FULL, 0.8)
j0("rf_5g", "telecommunications", "IS_A", "and even quantum chemistry and 5G RF technology", 0.6)
# What NVIDIA does not do
j0("nvidia", "china", "MAIN_PRODUCTION_OUTSIDE", "Our main production base is not located in China.", 1.0)
j0("nvidia", "cloud_computing", "ABSTAINS_FROM", "NVIDIA focuses on chip, system, and software development and does not provide cloud services.", 1.0)
j0("nvidia", "autonomous_vehicle", "ABSTAINS_FROM", "While we do not directly manufacture autonomous vehicles, we develop the core technologies required for them.", 0.9)
j0("nvidia", "llm", "ABSTAINS_FROM", "Similarly, we do not develop large language models, but we build the foundational technology architecture for them.", 0.95)
n1("nvidia", "manufacturing", "ABSTAINS_FROM", "rather than direct involvement in end-product manufacturing", 0.8)
# The NVIDIA–Huawei cooperation that was not reached
many(q0, [("nvidia_huawei_cooperation", "nvidia"), ("nvidia_huawei_cooperation", "huawei")], "INVOLVES",
     "Why have the two sides failed to reach a cooperation?", 0.85)
j0("nvidia_huawei_cooperation", "nvidia", "INVOLVES", "I am not deliberately avoiding the topic of cooperation.", 0.7)
# DeepSeek R1's adoption
for f in ("healthcare", "energy"):
    j0("deepseek_r1", f, "APPLIED_IN", "We see it being applied in various fields, including healthcare, energy, and more.", 0.9)
# NVIDIA's IPO
j0("nvidia_ipo", "nvidia", "INVOLVES", "NVIDIA went public in 1999", 1.0, vf="1999", vt="1999", vf_text="in 1999",
   vt_text="in 1999")
# Computing power: Huang's forecast
j0(JHx, "computing", "PREDICTS", "I believe that computing power anxiety will not disappear in the next decade", 0.6)
# Tencent Technology belongs to Tencent (by name; the text does not say so)
n0("tencent_technology", "tencent", "MEMBER_OF", "The following is a transcript of the media conference, edited by Tencent Technology", 0.5)

# --- facts added in the re-reading of issue 16 (each quoted where the text states it)
# Home countries the articles give: companies (BASED_IN), apps, models and products (ORIGINATES_IN)
q0("huawei", "china", "BASED_IN", "What do you think of the performance of Chinese AI companies in the AI chip field, such as Huawei?", 1.0)
q0("nvidia", "united_states", "BASED_IN", "NVIDIA originated from the American technology stack?", 0.85)
many(j0, [("wechat", "china"), ("xiaohongshu", "china"), ("tiktok", "china")], "ORIGINATES_IN",
     "China has nurtured many unique innovations, such as WeChat, Xiaohongshu, and the globally popular TikTok", 0.95)
many(n1, [("tiktok", "china"), ("xiaohongshu", "china")], "ORIGINATES_IN",
     "Huang praised China’s AI application innovation (including platforms like TikTok and Xiaohongshu)", 0.9)
many(j0, [("deepseek_r1", "china"), ("qwen", "china")], "ORIGINATES_IN",
     "which is very suitable for the models being developed here, such as DeepSeek and innovative architectures like Qianwen", 0.9)
many(j0, [("deepseek_r1", "china"), ("kimi", "china")], "ORIGINATES_IN", "The models in China are all very impressive.", 0.85)
many(n1, [("deepseek_r1", "china"), ("qwen", "china"), ("kimi", "china")], "ORIGINATES_IN",
     "He noted that China's AI industry can be divided into a three-layer architecture: computing infrastructure, models, and applications", 0.8)
q0("xiaomi_ultra", "china", "ORIGINATES_IN", "Are there any new products from China that have surprised you", 0.85)
# What each product is based on, differs from, runs
for q, c in (("This new GPU is different from H20; it has computational graphics and ray tracing capabilities.", 1.0),
             ("RTX Pro has capabilities that H20 and other AI products do not possess", 0.95),
             ("RTX Pro is specifically designed for digital twins and robotic simulations, and the two serve different purposes.", 0.9)):
    j0("rtx_pro", "h20", "DIFFERS_FROM", q, c)
n1("rtx_pro", "h20", "DIFFERS_FROM",
   "It is designed for applications such as digital twins, autonomous driving, and robotics, differentiating it from the H20.", 1.0)
j0("cuda", "x86", "DIFFERS_FROM", "Therefore, to some extent, CUDA is already \"open source.\" This is different from Intel's x86 architecture.", 0.9)
j0("rtx_pro", "omniverse", "RUNS", "RTX Pro was initially built to run a new application platform called Omniverse", 1.0)
j0("rtx_pro", "omniverse", "RUNS", "In applications, we have an AI library called Omniverse, where all operations run on Omniverse.", 0.7)
j0("h20", "gpu", "IS_A", "When will Chinese customers use NVIDIA's latest GPUs? Can you describe their performance?", 0.7)
# What each AI model is: open source, reasoning (inference)
for t in ("open_source_ai", "reasoning_ai"):
    j0("deepseek_r1", t, "IS_A", "It is worth mentioning that DeepSeek is the world's first open-source inference model", 0.9)
    n1("deepseek_r1", t, "IS_A", "DeepSeek's launch of the world's first open-source inference model", 0.9)
j0("deepseek_r1", "reasoning_ai", "IS_A", "It is the first open-source inference model and is highly efficient.", 0.95)
j0("deepseek_r1", "open_source_ai", "IS_A", "99% of users have downloaded this open-source model and adapted it according to their application needs", 0.95)
j0("deepseek_r1", "open_source_ai", "IS_A", "In terms of the application scenarios they are designed for, they are highly efficient and open-source", 0.7)


# ---------------------------------------------------------------- output
def emit_date(d):
    """The date as written, or "" for none; a week, month or year only when
    EMIT_COARSE_DATES (a day-only engine would reject it)."""
    if not d:
        return ""
    if not EMIT_COARSE_DATES and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return ""
    return d


def write(out_dir=HERE):
    with open(os.path.join(out_dir, "entities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["id:ID", ":LABEL", "name", "aliases:string[]", "description",
                    "start:date", "end:date", "start_text", "end_text", "ongoing:boolean"])
        for eid, kind, name, aliases, desc in ENTITIES:
            d = EVENT_DATES.get(eid, {})
            w.writerow([eid, kind, name, ";".join(aliases), desc, emit_date(d.get("start")),
                        emit_date(d.get("end")), d.get("start_text", ""), d.get("end_text", ""),
                        "true" if d.get("ongoing") else ""])
    with open(os.path.join(out_dir, "relations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow([":START_ID", ":END_ID", ":TYPE", "stance:float", "valid_from:date", "valid_to:date",
                    "quote", "speaker", "source", "date:date", "confidence:float",
                    "valid_from_text", "valid_to_text", "modality", "component"])
        for r in R:
            stance = "" if r["stance"] is None else f"{r['stance']:g}"
            w.writerow([r["s"], r["e"], r["t"], stance, emit_date(r["vf"]), emit_date(r["vt"]),
                        r["quote"], r["speaker"], r["src"], r["date"], f"{r['conf']:g}",
                        r["vf_text"] or "", r["vt_text"] or "", r["modality"] or "", r["component"] or ""])
    print(f"wrote {len(ENTITIES)} entities, {len(R)} relations")


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help")):
        print(__doc__)
        sys.exit(2)
    write(sys.argv[1] if len(sys.argv) == 2 else HERE)
