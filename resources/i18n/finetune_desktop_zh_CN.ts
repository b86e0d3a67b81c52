<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AppContext</name>
    <message>
        <source>The built-in sandbox is not running in this window.</source>
        <translation>内置沙盒没有在此窗口中运行。</translation>
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
        <extracomment>grows on every insert, removal or reset (a worker&apos;s row-based result is stale once it moved)</extracomment>
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
        <extracomment>role returning the sort key of a cell (numbers for numeric columns) role returning the example uid the roles this model answers (a view asks for about ten per cell: the others return at once) row summaries kept (each one parses its example again: enough for a few screens of scrolling)</extracomment>
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
        <source>An estimate: the tokenizer&apos;s vocabulary could not be loaded. See Tokens and cost.</source>
        <translation>估算值：无法加载分词器词表。详见“token 与费用”。</translation>
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
    <name>FindingsModel</name>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>example %1</source>
        <translation>样本 %1</translation>
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
    <name>LossChart</name>
    <message>
        <source>Step</source>
        <extracomment>one colour per overlaid run; the line style tells the series apart</extracomment>
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
    <name>SandboxBanner</name>
    <message>
        <source>You are using the built-in sandbox</source>
        <translation>你正在使用内置沙盒</translation>
    </message>
    <message>
        <source>The sandbox is a pretend fine-tuning service that runs on this computer. Its training is simulated: jobs, progress and loss charts behave like the real service&apos;s, but the numbers are made up; nothing is sent anywhere and nothing costs money. A sample dataset is open: check and price it in Dataset, then start a job and watch it in Jobs. To train for real, open Settings and add your OpenAI (or Azure, or compatible server) account; the key is kept in your system&apos;s password store.</source>
        <translation>沙盒是在本机运行的模拟微调服务。它的训练是模拟的：任务、进度和损失曲线的表现与真实服务一样，但数字是编造的；不会向任何地方发送数据，也不花钱。已打开一个示例数据集：在“数据集”中检查并估价，然后启动任务并在“任务”中观察。要真正训练，请打开“设置”添加你的 OpenAI（或 Azure、兼容服务器）账户；密钥保存在系统的密码库中。</translation>
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
        <source>The sandbox only simulates training. At 4× the sample dataset&apos;s job finishes in about a minute. Applies after restarting the app.</source>
        <translation>沙盒只是模拟训练。4× 时示例数据集的任务约一分钟完成。重启应用后生效。</translation>
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
        <source>tokens per example (log scale)</source>
        <translation>每个样本的 token 数（对数刻度）</translation>
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
        <source>%n line(s) could not be read and are listed below; they are kept in a side file when you save</source>
        <translation>
            <numerusform>%n 行无法读取，列在下方；保存时会另存到一个单独的文件中</numerusform>
        </translation>
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
