"""The seed dataset's factual relations, each quoting its article verbatim,
and the helpers every relation is made with (build_seed.py writes them)."""
from seed_entities import *  # noqa: F401,F403 (the entity ids, sources and dates)

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
