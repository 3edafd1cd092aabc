"""The seed dataset's stance relations (PRAISES, WELCOMES, CRITICIZES) and the
facts added after later readings, appended to seed_relations.R in this order
(build_seed.py writes them)."""
from seed_relations import *  # noqa: F401,F403 (R, the helpers, the entity ids)

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
