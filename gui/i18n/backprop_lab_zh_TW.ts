<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>About</name>
    <message>
        <source>Watch backpropagation train a neural network, epoch by epoch, on an engine written from scratch in NumPy.</source>
        <translation>逐個訓練週期觀察反向傳播如何訓練神經網路，引擎完全以 NumPy 從零寫成。</translation>
    </message>
    <message>
        <source>Licence: {licence}. Free to use, change and share.</source>
        <translation>授權：{licence}。可自由使用、修改與分享。</translation>
    </message>
    <message>
        <source>Settings are kept in:</source>
        <translation>設定儲存在：</translation>
    </message>
    <message>
        <source>Help and documentation (README)</source>
        <translation>說明與文件（README）</translation>
    </message>
    <message>
        <source>About Backprop Lab</source>
        <translation>關於 Backprop Lab</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>Classification map</source>
        <translation>分類圖</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>網路架構圖</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <source>Accuracy curves</source>
        <translation>準確率曲線</translation>
    </message>
    <message>
        <source>Weight matrices</source>
        <translation>權重矩陣</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>各層的梯度範數</translation>
    </message>
    <message>
        <source>Ground truth beside prediction</source>
        <translation>真實類別與預測並排</translation>
    </message>
    <message>
        <source>Activation and its derivative</source>
        <translation>啟動函數及其導數</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度檢查</translation>
    </message>
    <message>
        <source>Hidden space</source>
        <translation>隱藏空間</translation>
    </message>
    <message>
        <source>{n} training points, {correct} correct</source>
        <translation>{n} 個訓練資料點，{correct} 個分類正確</translation>
    </message>
    <message>
        <source>; {k} test points, {correct} correct</source>
        <translation>；{k} 個測試資料點，{correct} 個分類正確</translation>
    </message>
    <message>
        <source>layers {sizes}, activation {activation}, epoch {epoch}</source>
        <translation>各層 {sizes}，啟動函數 {activation}，第 {epoch} 個訓練週期</translation>
    </message>
    <message>
        <source>epoch {epoch}, training {what} {value}</source>
        <translation>第 {epoch} 個訓練週期，訓練{what} {value}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>準確率</translation>
    </message>
    <message>
        <source>epoch {epoch}: {norms}</source>
        <translation>第 {epoch} 個訓練週期：{norms}</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 個訓練週期</translation>
    </message>
    <message>
        <source>R² {r2}, mean absolute error {mae}</source>
        <translation>R² {r2}，平均絕對誤差 {mae}</translation>
    </message>
    <message>
        <source>; test R² {r2}, mean absolute error {mae}</source>
        <translation>；測試 R² {r2}，平均絕對誤差 {mae}</translation>
    </message>
    <message>
        <source>{n} training points, {scores}</source>
        <translation>{n} 個訓練資料點，{scores}</translation>
    </message>
    <message>
        <source>epoch {epoch}, training {scores}</source>
        <translation>第 {epoch} 個訓練週期，訓練 {scores}</translation>
    </message>
</context>
<context>
    <name>AccuracyCurves</name>
    <message>
        <source>R² = 1 − SSE/SST</source>
        <translation>R² = 1 − SSE/SST</translation>
    </message>
</context>
<context>
    <name>AnalysisTabs</name>
    <message>
        <source>Gradient check</source>
        <translation>梯度檢查</translation>
    </message>
    <message>
        <source>Hidden space</source>
        <translation>隱藏空間</translation>
    </message>
</context>
<context>
    <name>Animation</name>
    <message>
        <source>Export animation frames into folder</source>
        <translation>將動畫影格匯出到資料夾</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>匯出動畫</translation>
    </message>
</context>
<context>
    <name>AnimationDialog</name>
    <message>
        <source>Export animation</source>
        <translation>匯出動畫</translation>
    </message>
    <message>
        <source>start from epoch 0 (same initial weights)</source>
        <translation>從第 0 個訓練週期開始（相同的初始權重）</translation>
    </message>
    <message>
        <source>Epochs to train</source>
        <translation>要訓練的週期數</translation>
    </message>
    <message>
        <source>A frame every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 動畫</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>MP4 影片</translation>
    </message>
    <message>
        <source>PNG frames in a folder</source>
        <translation>資料夾中的 PNG 影格</translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation> 格／秒</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>影格速率</translation>
    </message>
    <message>
        <source>Frame size</source>
        <translation>影格大小</translation>
    </message>
</context>
<context>
    <name>AnimationExport</name>
    <message>
        <source>Could not copy the trainer: {error}</source>
        <translation>無法複製訓練器：{error}</translation>
    </message>
    <message>
        <source>Exporting animation frames…</source>
        <translation>正在匯出動畫影格…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exported {n} frames to {folder}.</source>
        <translation>已將 {n} 個影格匯出到 {folder}。</translation>
    </message>
    <message>
        <source>Frame {i} not written: {error}</source>
        <translation>第 {i} 個影格未能寫入：{error}</translation>
    </message>
    <message>
        <source>Exported {n} frames to {folder} (training stopped at epoch {epoch}: {why}).</source>
        <translation>已將 {n} 個影格匯出到 {folder}（訓練在第 {epoch} 個訓練週期停止：{why}）。</translation>
    </message>
    <message>
        <source>Animation cancelled: {n} frames kept in {folder}.</source>
        <translation>已取消動畫：{folder} 中保留 {n} 個影格。</translation>
    </message>
    <message>
        <source>{folder} not written: {error}</source>
        <translation>{folder} 未能寫入：{error}</translation>
    </message>
    <message>
        <source>Could not export the animation</source>
        <translation>無法匯出動畫</translation>
    </message>
</context>
<context>
    <name>AppMenus</name>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系統語言</translation>
    </message>
    <message>
        <source>Backprop Lab &amp;help (README)</source>
        <translation>Backprop Lab 說明文件(&amp;H)（README）</translation>
    </message>
    <message>
        <source>&amp;About Backprop Lab</source>
        <translation>關於 Backprop Lab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>關於 &amp;Qt</translation>
    </message>
    <message>
        <source>the system language</source>
        <translation>系統語言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Backprop Lab will be in {language} from the next start.</source>
        <translation>下次啟動時，Backprop Lab 會以{language}顯示。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新啟動</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍後</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <source>Pin run</source>
        <translation>固定這次訓練</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Pin run (Ctrl+P): keep the loss and accuracy curves as dashed lines; then change a setting, Reset (R) and train again</source>
        <translation>固定這次訓練（Ctrl+P）：把損失與準確率曲線保留為虛線；接著變更設定、重設（R）後再訓練一次</translation>
    </message>
    <message>
        <source>Clear pins</source>
        <translation>清除固定的曲線</translation>
    </message>
    <message>
        <source>Remove every pinned curve</source>
        <translation>移除所有固定的曲線</translation>
    </message>
    <message>
        <source>Nothing to pin yet: train some epochs first.</source>
        <translation>還沒有可以固定的曲線：請先訓練幾個週期。</translation>
    </message>
    <message>
        <source>Pinned &quot;{label}&quot; at epoch {epoch:,}: change a setting, Reset (R) — the same initial weights — and train again to compare.</source>
        <translation>已在第 {epoch:,} 個訓練週期固定「{label}」：變更設定、重設（R）——使用相同的初始權重——再訓練一次來比較。</translation>
    </message>
    <message>
        <source>Pins cleared.</source>
        <translation>已清除固定的曲線。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>training points</source>
        <translation>訓練資料點</translation>
    </message>
    <message>
        <source>test points</source>
        <translation>測試資料點</translation>
    </message>
    <message>
        <source>Which points are counted</source>
        <translation>要計入哪些資料點</translation>
    </message>
    <message>
        <source>Row: true class · column: predicted class · diagonal: correct · shade: share of the row</source>
        <translation>列：真實類別 · 欄：預測類別 · 對角線：正確 · 深淺：佔該列的比例</translation>
    </message>
    <message>
        <source>Regression has no classes: see R² and MAE.</source>
        <translation>迴歸沒有類別：請看 R² 與 MAE。</translation>
    </message>
    <message>
        <source> (every {k}th point)</source>
        <translation>（每 {k} 個資料點取一個）</translation>
    </message>
    <message>
        <source>{right} of {n} right{sample}</source>
        <translation>{n} 個中有 {right} 個正確{sample}</translation>
    </message>
    <message>
        <source>no points</source>
        <translation>沒有資料點</translation>
    </message>
    <message>
        <source>true {k}</source>
        <translation>真實 {k}</translation>
    </message>
    <message>
        <source>pred. {k}</source>
        <translation>預測 {k}</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>Data</source>
        <translation>資料</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>神經網路</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source>Not applied — {e}</source>
        <translation>未套用——{e}</translation>
    </message>
</context>
<context>
    <name>CsvEncodingMenu</name>
    <message>
        <source>Detect automatically</source>
        <translation>自動偵測</translation>
    </message>
    <message>
        <source>GBK (Simplified Chinese Windows)</source>
        <translation>GBK（簡體中文 Windows）</translation>
    </message>
    <message>
        <source>Big5 (Traditional Chinese Windows)</source>
        <translation>Big5（繁體中文 Windows）</translation>
    </message>
    <message>
        <source>Points CSV &amp;encoding</source>
        <translation>資料點 CSV 編碼(&amp;E)</translation>
    </message>
</context>
<context>
    <name>CurveReadout</name>
    <message>
        <source>train</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source>test</source>
        <translation>測試</translation>
    </message>
    <message>
        <source>(test)</source>
        <translation>（測試）</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 層</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 週期</translation>
    </message>
</context>
<context>
    <name>DataEditor</name>
    <message>
        <source>{n} point (train {train} / test {test})</source>
        <translation>{n} 個資料點（訓練 {train}／測試 {test}）</translation>
    </message>
    <message>
        <source>{n} points (train {train} / test {test})</source>
        <translation>{n} 個資料點（訓練 {train}／測試 {test}）</translation>
    </message>
</context>
<context>
    <name>DataSection</name>
    <message>
        <source>Two classes split by a straight line: one neuron can do it</source>
        <translation>以一條直線分開的兩個類別：一個神經元就做得到</translation>
    </message>
    <message>
        <source>The lab&apos;s XOR: 21 points, class 1 in two opposite corners (n is fixed)</source>
        <translation>實驗課的 XOR：21 個資料點，類別 1 位於兩個對角（點數固定）</translation>
    </message>
    <message>
        <source>Class 1 inside a circle, class 0 in a ring around it</source>
        <translation>類別 1 在圓內，類別 0 在外圍的環上</translation>
    </message>
    <message>
        <source>Two interleaved spirals: needs depth or sin features</source>
        <translation>兩條交錯的螺旋：需要較深的網路或 sin 特徵</translation>
    </message>
    <message>
        <source>Two Gaussian blobs</source>
        <translation>兩團高斯分布的資料點</translation>
    </message>
    <message>
        <source>XOR quadrants with many points</source>
        <translation>有許多資料點的 XOR 象限</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>資料集</translation>
    </message>
    <message>
        <source>Which toy problem to generate (listed from backprop_lab.model.datasets)</source>
        <translation>要產生哪一個練習問題（列自 backprop_lab.model.datasets）</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>資料點數</translation>
    </message>
    <message>
        <source>How many points to generate (xor-easy always has 21)</source>
        <translation>要產生幾個資料點（xor-easy 固定為 21 個）</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>雜訊</translation>
    </message>
    <message>
        <source>Spread of the points: jitter with standard deviation 0.1 × noise (data units) for linear/xor-easy; the generator&apos;s own spread otherwise</source>
        <translation>資料點的分散程度：linear/xor-easy 加上標準差為 0.1 × 雜訊（資料單位）的擾動；其他資料集則使用產生器本身的分散程度</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>測試集比例</translation>
    </message>
    <message>
        <source>Share of the points held out as a test set (not trained on), in %</source>
        <translation>保留作為測試集（不參與訓練）的資料點比例，單位為 %</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>資料種子</translation>
    </message>
    <message>
        <source>Seed of the data generator and of the train/test shuffle</source>
        <translation>資料產生器以及訓練／測試分割洗牌所用的種子</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新產生</translation>
    </message>
    <message>
        <source>Throw away edits and generate the data set again from these settings</source>
        <translation>捨棄編輯，並依這些設定重新產生資料集</translation>
    </message>
    <message>
        <source>Clear points</source>
        <translation>清除資料點</translation>
    </message>
    <message>
        <source>Remove every point; then click on the map to place your own</source>
        <translation>移除所有資料點；接著在分類圖上點選，放上你自己的資料點</translation>
    </message>
    <message>
        <source>Class of the point a left click on the map adds (a right click always adds class 1; Shift- or Ctrl-click deletes the nearest point)</source>
        <translation>在分類圖上按左鍵時新增的資料點類別（按右鍵一律新增類別 1；按住 Shift 或 Ctrl 再點一下會刪除最近的資料點）</translation>
    </message>
    <message>
        <source>class {label}</source>
        <translation>類別 {label}</translation>
    </message>
    <message>
        <source>Click adds</source>
        <translation>點一下新增</translation>
    </message>
    <message>
        <source>0 points</source>
        <translation>0 個資料點</translation>
    </message>
    <message>
        <source>Points now</source>
        <translation>目前資料點</translation>
    </message>
    <message>
        <source>Points on the map: training and held-out test points</source>
        <translation>分類圖上的資料點：訓練資料點與保留的測試資料點</translation>
    </message>
</context>
<context>
    <name>DecisionMapView</name>
    <message>
        <source>Output p · click: add point&lt;br&gt;right: class 1 · shift: delete</source>
        <translation>輸出 p · 點一下：新增資料點&lt;br&gt;右鍵：類別 1 · Shift：刪除</translation>
    </message>
    <message>
        <source>Inspect: click a training point&lt;br&gt;to follow it through the epoch</source>
        <translation>逐步檢查：點選一個訓練資料點&lt;br&gt;追蹤它走過這個訓練週期</translation>
    </message>
    <message>
        <source>Output of {value}&lt;br&gt;over the plane</source>
        <translation>{value} 在平面上的輸出</translation>
    </message>
    <message>
        <source>the hovered neuron</source>
        <translation>滑鼠所指的神經元</translation>
    </message>
</context>
<context>
    <name>DivergenceBanner</name>
    <message>
        <source>Roll back</source>
        <translation>倒回</translation>
    </message>
    <message>
        <source>Go back to the last kept state before the explosion</source>
        <translation>回到發散前最後保留的狀態</translation>
    </message>
    <message>
        <source>Roll back, halve learning rate</source>
        <translation>倒回並將學習率減半</translation>
    </message>
    <message>
        <source>Go back to the last kept state before the explosion and continue with half the learning rate</source>
        <translation>回到發散前最後保留的狀態，並以一半的學習率繼續訓練</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>關閉提示</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Unexpected error again: {summary}</source>
        <translation>再次發生未預期的錯誤：{summary}</translation>
    </message>
    <message>
        <source>Backprop Lab: unexpected error</source>
        <translation>Backprop Lab：發生未預期的錯誤</translation>
    </message>
    <message>
        <source>Something went wrong inside Backprop Lab, but the app is still running and nothing was lost.</source>
        <translation>Backprop Lab 內部發生錯誤，但程式仍在執行，沒有遺失任何資料。</translation>
    </message>
    <message>
        <source>You can keep working. If it happens again, the details below help whoever looks after the app.</source>
        <translation>你可以繼續操作。如果再次發生，下方的詳細資訊可以幫助維護這個程式的人。</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>XOR without a hidden layer</source>
        <translation>沒有隱藏層的 XOR</translation>
    </message>
    <message>
        <source>With no hidden layer the network is one sigmoid of a weighted sum: its decision boundary is a straight line, and no line separates XOR. Accuracy never reaches 100% however long it trains. Then set Hidden layers to 1 and watch the boundary bend.</source>
        <translation>沒有隱藏層時，整個網路只是加權和再經過一個 sigmoid：決策邊界是一條直線，而沒有任何直線能分開 XOR。不論訓練多久，準確率都到不了 100%。接著把「隱藏層數」設為 1，看看邊界如何彎曲。</translation>
    </message>
    <message>
        <source>Hidden layers without an activation</source>
        <translation>沒有啟動函數的隱藏層</translation>
    </message>
    <message>
        <source>Activation &quot;none&quot;: every layer is linear, and linear layers stacked are one linear layer, so this 2-4-4-1 network draws the same straight boundary as no hidden layer at all and never gets XOR right. Switch the activation back to sigmoid to see the hidden layers matter.</source>
        <translation>啟動函數設為 &quot;none&quot;：每一層都是線性的，而線性層疊起來仍然等於一個線性層，所以這個 2-4-4-1 網路畫出的直線邊界和完全沒有隱藏層時一樣，永遠學不會 XOR。把啟動函數改回 sigmoid，就能看出隱藏層的作用。</translation>
    </message>
    <message>
        <source>Adam instead of SGD</source>
        <translation>以 Adam 取代 SGD</translation>
    </message>
    <message>
        <source>The default XOR run with Adam (lr 0.01) instead of SGD (lr 0.1): 100% in a few hundred epochs instead of about 26 500, because Adam scales each weight&apos;s step by its own gradient history. Pin the run (Ctrl+P), switch the optimizer to sgd and lr to 0.1, Reset (R) and train again to compare the curves.</source>
        <translation>預設的 XOR 訓練改用 Adam（學習率 0.01）而不是 SGD（學習率 0.1）：只要幾百個訓練週期就達到 100%，而不是約 26 500 個，因為 Adam 會依每個權重自己的梯度歷史調整步幅。先固定這次訓練（Ctrl+P），再把最佳化方法改成 sgd、學習率改成 0.1，重設（R）後再訓練一次來比較曲線。</translation>
    </message>
    <message>
        <source>Vanishing gradients (6 sigmoid layers)</source>
        <translation>梯度消失（6 層 sigmoid）</translation>
    </message>
    <message>
        <source>Six hidden sigmoid layers on the circle: each layer multiplies the gradient by σ&apos;(z) ≤ 0.25, so at the start the first layer&apos;s gradient is thousands of times smaller than the last&apos;s (Gradient norms tab) and training stalls near 50%. Try activation relu with init he_normal, or the next example.</source>
        <translation>在圓形資料集上使用六個 sigmoid 隱藏層：每一層都會把梯度乘上 σ&apos;(z) ≤ 0.25，所以一開始第一層的梯度比最後一層小了好幾千倍（見「梯度範數」分頁），訓練停滯在 50% 左右。試試啟動函數 relu 搭配初始化 he_normal，或看下一個範例。</translation>
    </message>
    <message>
        <source>The same deep network with ReLU</source>
        <translation>同一個深層網路改用 ReLU</translation>
    </message>
    <message>
        <source>The six-layer network of the previous example with ReLU and He initialisation: ReLU&apos;s derivative is 1 where a unit is active, so the gradient reaches the first layer and the circle is learned in a few hundred epochs.</source>
        <translation>上一個範例的六層網路改用 ReLU 與 He 初始化：神經元啟動時 ReLU 的導數為 1，所以梯度能傳到第一層，只要幾百個訓練週期就學會圓形資料集。</translation>
    </message>
    <message>
        <source>Features instead of layers</source>
        <translation>用特徵取代隱藏層</translation>
    </message>
    <message>
        <source>No hidden layer, but the inputs x1² and x2² besides x1 and x2: the circle x1² + x2² = r² is a straight line in those features, so one sigmoid unit learns it. A hand-made feature can replace a layer.</source>
        <translation>沒有隱藏層，但除了 x1 和 x2 之外還輸入 x1² 與 x2²：圓 x1² + x2² = r² 在這些特徵中是一條直線，所以一個 sigmoid 神經元就能學會。手工設計的特徵可以取代一層隱藏層。</translation>
    </message>
    <message>
        <source>Learning rate too high</source>
        <translation>學習率太高</translation>
    </message>
    <message>
        <source>ReLU units and a linear output (MSE) at lr 3: every step overshoots, the loss grows until it overflows, and training stops with &quot;diverged&quot;, keeping the last finite weights. Lower the learning rate to 0.01 and it trains.</source>
        <translation>ReLU 神經元加上線性輸出（MSE），學習率 3：每一步都跨過頭，損失不斷變大直到溢位，訓練以 &quot;diverged&quot;（發散）停止，並保留最後一組有限的權重。把學習率降到 0.01 就能訓練成功。</translation>
    </message>
    <message>
        <source>Dying ReLU</source>
        <translation>ReLU 神經元死亡</translation>
    </message>
    <message>
        <source>ReLU at lr 10: the first big steps push the hidden units&apos; inputs below zero for every point, where ReLU&apos;s derivative is 0. Once a layer is all dead no gradient flows back through it, so every hidden layer&apos;s gradient is exactly 0 from then on (grey × on the diagram; Gradient norms drop out) and accuracy stays at the majority class.</source>
        <translation>ReLU 搭配學習率 10：一開始的幾大步就把隱藏層神經元在所有資料點上的輸入推到零以下，而那裡 ReLU 的導數是 0。一旦某一層全部死亡，就沒有梯度能反向傳回去，所以從此每個隱藏層的梯度都恰好是 0（架構圖上的灰色 ×；梯度範數消失），準確率停在多數類別的比例。</translation>
    </message>
    <message>
        <source>Overfitting a noisy data set</source>
        <translation>在有雜訊的資料集上過度擬合</translation>
    </message>
    <message>
        <source>Two noisy Gaussian blobs, half the points held out, and a large tanh network trained with Adam past 100%: the training accuracy reaches 100% by fitting the noise while the test accuracy (outlined points, the orange test curves) stays lower. Try fewer units, or L2.</source>
        <translation>兩團有雜訊的高斯分布資料，保留一半的資料點作為測試集，再用 Adam 把一個大型 tanh 網路訓練到超過 100%：訓練準確率靠擬合雜訊達到 100%，測試準確率（空心的資料點、橘色的測試曲線）卻比較低。試試減少神經元數，或加上 L2。</translation>
    </message>
    <message>
        <source>Three spirals need more units than two</source>
        <translation>三條螺旋比兩條需要更多神經元</translation>
    </message>
    <message>
        <source>Three interleaved spirals, a softmax output of three units and cross-entropy. With 8 and 8 tanh units the network separates them (about 99% in 3000 epochs, Adam); set the units to 4 and 4, which are enough for two spirals (98%), and three stall near 76%: each extra arm needs more bends in the boundary. The map&apos;s colour is the argmax class, paler where the network is less sure.</source>
        <translation>三條交錯的螺旋，輸出層是三個神經元的 softmax，損失用交叉熵。隱藏層各有 8 個和 8 個 tanh 神經元時，神經網路能把它們分開（使用 Adam，3000 個訓練週期約達 99%）；把神經元數改成 4 和 4——這對兩條螺旋已經足夠（98%）——三條螺旋卻會停在 76% 左右：每多一條螺旋臂，邊界就需要更多彎折。圖上的顏色是 argmax 類別，神經網路越不確定的地方顏色越淡。</translation>
    </message>
    <message>
        <source>Four blobs without a hidden layer</source>
        <translation>沒有隱藏層的四團資料點</translation>
    </message>
    <message>
        <source>Four Gaussian blobs and no hidden layer: softmax of four linear scores, z_k = x·w_k + b_k. Each pair of classes is split where their scores are equal, a straight line, so clusters like these need no hidden layer: 100% in a few dozen epochs.</source>
        <translation>四團高斯分布的資料點，沒有隱藏層：對四個線性分數 z_k = x·w_k + b_k 取 softmax。每兩個類別的分界就在它們分數相等的地方，也就是一條直線，所以像這樣的群集不需要隱藏層：幾十個訓練週期就達到 100%。</translation>
    </message>
    <message>
        <source>Regression with a sigmoid output cannot go past 1</source>
        <translation>sigmoid 輸出的迴歸超不過 1</translation>
    </message>
    <message>
        <source>Regression on the plane y = 0.6 (x1 + x2), whose targets run from −1.2 to 1.2, with a sigmoid output: p = σ(z) stays between 0 and 1, so half the targets are out of its reach and R² stalls near 0.65. Set Output activation to none (a linear output, ŷ = z) and Reset: R² reaches 1.</source>
        <translation>對平面 y = 0.6 (x1 + x2) 做迴歸，目標值從 −1.2 到 1.2，輸出層卻是 sigmoid：p = σ(z) 只能落在 0 與 1 之間，所以一半的目標值它根本達不到，R² 停在 0.65 左右。把「輸出層啟動函數」設為 none（線性輸出，ŷ = z）再按「重設」：R² 就能達到 1。</translation>
    </message>
    <message>
        <source>Regression: six bumps need hidden units</source>
        <translation>迴歸：六個凸起需要隱藏層神經元</translation>
    </message>
    <message>
        <source>TensorFlow Playground&apos;s multi-gaussian set: six bumps of height +1 and −1. The map shows the prediction ŷ on the colour scale of the targets. With 8 and 8 tanh units and a linear output R² reaches about 0.95 in 3000 epochs; with no hidden layer ŷ is a plane, which cannot follow bumps of alternating sign: R² stays near 0.</source>
        <translation>TensorFlow Playground 的 multi-gaussian 資料集：六個高度為 +1 和 −1 的凸起。圖上以目標值的色階顯示預測 ŷ。隱藏層各有 8 個和 8 個 tanh 神經元、輸出為線性時，3000 個訓練週期後 R² 約達 0.95；沒有隱藏層時 ŷ 只是一個平面，跟不上正負交替的凸起：R² 一直停在 0 附近。</translation>
    </message>
    <message>
        <source>x1: the first input coordinate</source>
        <translation>x1：第一個輸入座標</translation>
    </message>
    <message>
        <source>x2: the second input coordinate</source>
        <translation>x2：第二個輸入座標</translation>
    </message>
    <message>
        <source>x1²: square of the first coordinate</source>
        <translation>x1²：第一個座標的平方</translation>
    </message>
    <message>
        <source>x2²: square of the second coordinate</source>
        <translation>x2²：第二個座標的平方</translation>
    </message>
    <message>
        <source>x1·x2: product of the coordinates</source>
        <translation>x1·x2：兩個座標的乘積</translation>
    </message>
    <message>
        <source>sin(x1): sine of the first coordinate (radians)</source>
        <translation>sin(x1)：第一個座標的正弦（弧度）</translation>
    </message>
    <message>
        <source>sin(x2): sine of the second coordinate (radians)</source>
        <translation>sin(x2)：第二個座標的正弦（弧度）</translation>
    </message>
</context>
<context>
    <name>Experiments</name>
    <message>
        <source>Export results</source>
        <translation>匯出結果</translation>
    </message>
    <message>
        <source>Could not load the configuration: {error}</source>
        <translation>無法載入設定：{error}</translation>
    </message>
    <message>
        <source>Hyper-parameter study…</source>
        <translation>超參數研究…</translation>
    </message>
    <message>
        <source>Train a grid of settings over seeded trials: stop epochs, failures, accuracy</source>
        <translation>以多個設有種子的試驗訓練一組設定組合：停止週期、失敗次數、準確率</translation>
    </message>
</context>
<context>
    <name>ExperimentsDialog</name>
    <message>
        <source>Hyper-parameter study</source>
        <translation>超參數研究</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>執行</translation>
    </message>
    <message>
        <source>Train the study</source>
        <translation>訓練這項研究</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the study; the configs already finished stay</source>
        <translation>停止研究；已完成的設定會保留</translation>
    </message>
    <message>
        <source>%v / %m trials</source>
        <translation>%v / %m 次試驗</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Running: {done} of {n_configs} configs done, {minutes}:{seconds:02d} elapsed. Rows appear as their trials end.</source>
        <translation>執行中：{n_configs} 組設定已完成 {done} 組，經過 {minutes}:{seconds:02d}。每組設定的試驗結束後就會出現在表中。</translation>
    </message>
    <message>
        <source>Cancelled after {seconds:.1f} s: {n} config complete.</source>
        <translation>已在 {seconds:.1f} 秒後取消：完成 {n} 組設定。</translation>
    </message>
    <message>
        <source>Cancelled after {seconds:.1f} s: {n} configs complete.</source>
        <translation>已在 {seconds:.1f} 秒後取消：完成 {n} 組設定。</translation>
    </message>
    <message>
        <source>Done: {n} configs × {trials} trials in {seconds:.1f} s. Double-click a row to load it.</source>
        <translation>完成：{n} 組設定 × {trials} 次試驗，共 {seconds:.1f} 秒。按兩下某一列即可載入。</translation>
    </message>
    <message>
        <source>The study failed: {message}</source>
        <translation>研究失敗：{message}</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>試驗</translation>
    </message>
    <message>
        <source>Which trial&apos;s seed to load (trial i: seed base + i); hover a row to see how each trial ended</source>
        <translation>要載入哪一次試驗的種子（第 i 次試驗：種子＝基準 + i）；將滑鼠移到列上可查看每次試驗的結果</translation>
    </message>
    <message>
        <source>Load into window</source>
        <translation>載入主視窗</translation>
    </message>
    <message>
        <source>Put the selected row&apos;s config, with this trial&apos;s seed, and its data set into the main window (also: double-click)</source>
        <translation>把選取列的設定（含這次試驗的種子）和資料集載入主視窗（也可以按兩下該列）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>Write the results as CSV, Markdown or JSON</source>
        <translation>將結果寫成 CSV、Markdown 或 JSON</translation>
    </message>
    <message>
        <source>Stop epochs: first epoch at 100% training accuracy, over the trials that got there; failures: trials that did not reach 100% within the budget. Click a header to sort.</source>
        <translation>停止週期：首次達到 100% 訓練準確率的訓練週期（只計達到的試驗）；失敗：在上限內未達到 100% 的試驗。點選欄位標題可排序。</translation>
    </message>
    <message>
        <source>Select a row to load.</source>
        <translation>請選取要載入的列。</translation>
    </message>
    <message>
        <source>the base config</source>
        <translation>基準設定</translation>
    </message>
    <message>
        <source>Loaded from the study: {dataset}, {values}, trial {trial} (seed {seed}), budget {max_epochs:,} epochs: press Play.</source>
        <translation>已從研究載入：{dataset}，{values}，第 {trial} 次試驗（種子 {seed}），上限 {max_epochs:,} 個訓練週期：請按「播放」。</translation>
    </message>
    <message>
        <source>Not exported: use .csv, .md or .json, not {name}</source>
        <translation>未匯出：請使用 .csv、.md 或 .json，而不是 {name}</translation>
    </message>
    <message>
        <source>Could not write {name}: {value}</source>
        <translation>無法寫入 {name}：{value}</translation>
    </message>
    <message>
        <source>Exported {len} rows to {name}.</source>
        <translation>已將 {len} 列匯出到 {name}。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Decision map</source>
        <translation>分類圖</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>網路架構圖</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>損失曲線</translation>
    </message>
    <message>
        <source>Accuracy curves</source>
        <translation>準確率曲線</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度範數</translation>
    </message>
    <message>
        <source>Truth vs prediction</source>
        <translation>真實與預測</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <source>Hidden space</source>
        <translation>隱藏空間</translation>
    </message>
    <message>
        <source>{name}: unknown figure format (use .png or .svg)</source>
        <translation>{name}：未知的圖檔格式（請使用 .png 或 .svg）</translation>
    </message>
    <message>
        <source>{name}: cannot write ({value})</source>
        <translation>{name}：無法寫入（{value}）</translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation>PNG 編碼失敗</translation>
    </message>
    <message>
        <source>the panel has no size yet (show it first)</source>
        <translation>面板尚未有大小（請先顯示它）</translation>
    </message>
    <message>
        <source>the panel is empty (nothing drawn yet)</source>
        <translation>面板是空的（尚未畫出任何內容）</translation>
    </message>
    <message>
        <source>{value} cannot be exported</source>
        <translation>{value} 無法匯出</translation>
    </message>
</context>
<context>
    <name>FigureMenu</name>
    <message>
        <source>Export &amp;figure</source>
        <translation>匯出圖表(&amp;F)</translation>
    </message>
    <message>
        <source>Export &amp;all panels…</source>
        <translation>匯出所有面板(&amp;A)…</translation>
    </message>
    <message>
        <source>Export a&amp;nimation…</source>
        <translation>匯出動畫(&amp;N)…</translation>
    </message>
    <message>
        <source>Export {get}</source>
        <translation>匯出{get}</translation>
    </message>
    <message>
        <source>Could not export the figure</source>
        <translation>無法匯出圖表</translation>
    </message>
    <message>
        <source>Exported {get} to {name}.</source>
        <translation>已將{get}匯出到 {name}。</translation>
    </message>
    <message>
        <source>Export all panels into folder</source>
        <translation>將所有面板匯出到資料夾</translation>
    </message>
    <message>
        <source>Exporting panels…</source>
        <translation>正在匯出面板…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Some figures were not exported</source>
        <translation>部分圖表未能匯出</translation>
    </message>
    <message>
        <source>{len} failed; first: {value}</source>
        <translation>{len} 個失敗；第一個：{value}</translation>
    </message>
    <message>
        <source>Exported {len} figure files to {folder}.</source>
        <translation>已將 {len} 個圖檔匯出到 {folder}。</translation>
    </message>
    <message>
        <source>Export this panel as PNG or SVG (also File ▸ Export figure)</source>
        <translation>將這個面板匯出為 PNG 或 SVG（也可用 檔案 ▸ 匯出圖表）</translation>
    </message>
    <message>
        <source>Export {lower} as {upper}…</source>
        <translation>將{lower}匯出為 {upper}…</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>要儲存對 {name} 的變更嗎？</translation>
    </message>
    <message>
        <source>The epochs trained and the settings and points changed since the last save are lost if you don&apos;t save them.</source>
        <translation>若不儲存，自上次儲存以來訓練的週期、變更的設定與資料點都會遺失。</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新增(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開啟(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>儲存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存新檔(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import points CSV…</source>
        <translation>匯入資料點 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export points CSV…</source>
        <translation>匯出資料點 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export training &amp;log CSV…</source>
        <translation>匯出訓練記錄 CSV(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>範例(&amp;X)</translation>
    </message>
    <message>
        <source>Example: {title}. Press Play (Space).</source>
        <translation>範例：{title}。按「播放」（空白鍵）開始。</translation>
    </message>
    <message>
        <source>New session: default settings, epoch 0.</source>
        <translation>新的工作階段：預設設定，第 0 個訓練週期。</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>無法開啟工作階段</translation>
    </message>
    <message>
        <source>Opened {name} at epoch {epoch}: press Play to continue.</source>
        <translation>已開啟 {name}，位於第 {epoch} 個訓練週期：按「播放」繼續。</translation>
    </message>
    <message>
        <source>Save session as</source>
        <translation>將工作階段另存為</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>無法儲存工作階段</translation>
    </message>
    <message>
        <source>Saved {name} at epoch {epoch}.</source>
        <translation>已儲存 {name}，位於第 {epoch} 個訓練週期。</translation>
    </message>
    <message>
        <source>Import points</source>
        <translation>匯入資料點</translation>
    </message>
    <message>
        <source>Could not import the points</source>
        <translation>無法匯入資料點</translation>
    </message>
    <message>
        <source>Imported {name} ({encoding}): {count}.</source>
        <translation>已匯入 {name}（{encoding}）：{count}。</translation>
    </message>
    <message>
        <source>Note: {notice}.</source>
        <translation>注意：{notice}。</translation>
    </message>
    <message>
        <source>Export points</source>
        <translation>匯出資料點</translation>
    </message>
    <message>
        <source>Could not export the points</source>
        <translation>無法匯出資料點</translation>
    </message>
    <message>
        <source>Exported {count_text} to {name}.</source>
        <translation>已將 {count_text} 匯出到 {name}。</translation>
    </message>
    <message>
        <source>Export training log</source>
        <translation>匯出訓練記錄</translation>
    </message>
    <message>
        <source>Could not export the training log</source>
        <translation>無法匯出訓練記錄</translation>
    </message>
    <message>
        <source>Exported {len} epochs of training log to {name}.</source>
        <translation>已將 {len} 個訓練週期的訓練記錄匯出到 {name}。</translation>
    </message>
</context>
<context>
    <name>FittingTabWidget</name>
    <message>
        <source>More ▾</source>
        <translation>更多 ▾</translation>
    </message>
    <message>
        <source>More views: {0}</source>
        <translation>更多檢視：{0}</translation>
    </message>
</context>
<context>
    <name>GradCheckPanel</name>
    <message>
        <source>Check gradients</source>
        <translation>檢查梯度</translation>
    </message>
    <message>
        <source>No weights yet.</source>
        <translation>尚無權重。</translation>
    </message>
    <message>
        <source>Ready to check the weights of epoch {epoch}.</source>
        <translation>可以檢查第 {epoch} 個訓練週期的權重。</translation>
    </message>
    <message>
        <source>No training points to check on.</source>
        <translation>沒有可以用來檢查的訓練資料點。</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通過</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>未通過</translation>
    </message>
    <message>
        <source>; {n} kink crossed — not comparable</source>
        <translation>；{n} 個跨過轉折點——無法比較</translation>
    </message>
    <message>
        <source>{verdict}: max relative error {max_rel_error:.2e}, overall {overall_rel_error:.2e} (tolerance {tolerance:g}){kinks}</source>
        <translation>{verdict}：最大相對誤差 {max_rel_error:.2e}，整體 {overall_rel_error:.2e}（容許誤差 {tolerance:g}）{kinks}</translation>
    </message>
    <message>
        <source>a random subset of {k} of the {n} parameters (the net has more than {limit})</source>
        <translation>{n} 個參數中隨機抽取的 {k} 個（網路的參數多於 {limit} 個）</translation>
    </message>
    <message>
        <source>all {n} parameters</source>
        <translation>全部 {n} 個參數</translation>
    </message>
    <message>
        <source> For {n} of them the step θ ± h moves some unit&apos;s z across the kink of its ReLU (z = 0), where the slope jumps: the central difference averages the two slopes, so it cannot be compared with backprop&apos;s exact one-sided slope there; they are marked &apos;kink&apos; and left out of the verdict.</source>
        <translation>其中 {n} 個參數的步長 θ ± h 讓某個神經元的 z 跨過了 ReLU 的轉折點（z = 0），那裡的斜率會突然改變：中央差分取的是兩側斜率的平均，因此無法與反向傳播在該處精確的單側斜率比較；這些參數標記為 &apos;kink&apos;，不列入判定。</translation>
    </message>
    <message>
        <source>Epoch {epoch}: checked {what} on {len} training points; data loss only (L1/L2 not included); |analytic| + |numeric| below {floor:.1e} (rounding noise) is compared absolutely.{why} Click a header to sort.</source>
        <translation>第 {epoch} 個訓練週期：在 {len} 個訓練資料點上檢查了{what}；只含資料損失（不含 L1/L2）；|解析| + |數值| 小於 {floor:.1e}（捨入誤差）時改用絕對誤差比較。{why}點選欄位標題可排序。</translation>
    </message>
</context>
<context>
    <name>GradNormView</name>
    <message>
        <source>epoch</source>
        <translation>訓練週期</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度範數</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>各層的梯度範數</translation>
    </message>
    <message>
        <source>layer {value}</source>
        <translation>第 {value} 層</translation>
    </message>
</context>
<context>
    <name>GroundTruthView</name>
    <message>
        <source>Ground truth</source>
        <translation>真實類別</translation>
    </message>
    <message>
        <source>Prediction (p &gt; 0.5)</source>
        <translation>預測（p &gt; 0.5）</translation>
    </message>
    <message>
        <source>Prediction (argmax p)</source>
        <translation>預測（argmax p）</translation>
    </message>
    <message>
        <source>Prediction ŷ</source>
        <translation>預測 ŷ</translation>
    </message>
</context>
<context>
    <name>HiddenSpaceView</name>
    <message>
        <source>PCA axes</source>
        <translation>PCA 座標軸</translation>
    </message>
    <message>
        <source>The first two principal components: axes along which this layer&apos;s activations over the training points vary most (PCA via SVD)</source>
        <translation>前兩個主成分：這一層在訓練資料點上的輸出變化最大的方向（以 SVD 計算 PCA）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Lines: the input plane&apos;s grid (purple: y constant, green: x constant) as this layer maps it; dots: training points; dashed: where the output is 0.5.</source>
        <translation>線條：輸入平面的格線經這一層映射後的樣子（紫色：y 固定，綠色：x 固定）；點：訓練資料點；虛線：輸出等於 0.5 的位置。</translation>
    </message>
    <message>
        <source>Lines: the input plane&apos;s grid (purple: y constant, green: x constant) as this layer maps it; dots: training points in their classes&apos; or targets&apos; colours.</source>
        <translation>線條：輸入平面的格線經這一層映射後的樣子（紫色：y 固定，綠色：x 固定）；點：訓練資料點，以其類別或目標值的顏色標示。</translation>
    </message>
    <message>
        <source>layer {value} ({width} units, {name})</source>
        <translation>第 {value} 層（{width} 個神經元，{name}）</translation>
    </message>
    <message>
        <source>PC{i} ({share:.0%} of variance)</source>
        <translation>PC{i}（佔變異的 {share:.0%}）</translation>
    </message>
    <message>
        <source>a of layer {layer}, unit {unit}</source>
        <translation>第 {layer} 層、第 {unit} 個神經元的 a</translation>
    </message>
    <message>
        <source> — dead: a = {a:.3g} on every training point</source>
        <translation>——死亡：在每個訓練資料點上 a = {a:.3g}</translation>
    </message>
    <message>
        <source> — constant: a = {a:.3g} on every training point</source>
        <translation>——常數：在每個訓練資料點上 a = {a:.3g}</translation>
    </message>
    <message>
        <source>0 (the layer has one unit)</source>
        <translation>0（這一層只有一個神經元）</translation>
    </message>
    <message>
        <source>No hidden layer to show</source>
        <translation>沒有可顯示的隱藏層</translation>
    </message>
    <message>
        <source>Input plane in hidden layer {layer} · epoch {epoch}</source>
        <translation>第 {layer} 隱藏層眼中的輸入平面 · 訓練週期 {epoch}</translation>
    </message>
</context>
<context>
    <name>HistoryCurves</name>
    <message>
        <source>epoch</source>
        <translation>訓練週期</translation>
    </message>
    <message>
        <source>train</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source>test</source>
        <translation>測試</translation>
    </message>
    <message>
        <source>pinned {k}</source>
        <translation>固定 {k}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>準確率 (%)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>準確率</translation>
    </message>
</context>
<context>
    <name>InspectMode</name>
    <message>
        <source>Whole batch</source>
        <translation>整個批次</translation>
    </message>
    <message>
        <source>Follow the whole batch (as the engine computes it) instead of one picked point</source>
        <translation>追蹤整個批次（與引擎的計算方式相同），而不是單一選取的資料點</translation>
    </message>
    <message>
        <source>Click a training point on the map to follow it · Next/Previous phase: Ctrl+→ / Ctrl+← · I leaves inspect mode</source>
        <translation>在分類圖上點選一個訓練資料點來追蹤它 · 下一步／上一步：Ctrl+→ / Ctrl+← · 按 I 離開逐步檢查模式</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>逐步檢查</translation>
    </message>
    <message>
        <source>Inspect mode (I): pause and step through one epoch — forward, loss, backward, update — on a copy of the network</source>
        <translation>逐步檢查模式（I）：暫停並在網路的副本上逐步執行一個訓練週期——前向傳播、損失、反向傳播、更新</translation>
    </message>
    <message>
        <source>Inspect mode: training paused; stepping through the next epoch on a copy.</source>
        <translation>逐步檢查模式：訓練已暫停；正在副本上逐步執行下一個訓練週期。</translation>
    </message>
    <message>
        <source>Cannot inspect: {error}</source>
        <translation>無法逐步檢查：{error}</translation>
    </message>
    <message>
        <source>The live network differs from the inspected copy after Apply.</source>
        <translation>套用後，即時網路與逐步檢查中的副本不同。</translation>
    </message>
</context>
<context>
    <name>InspectPanel</name>
    <message>
        <source>Pause training and open a trainer copy to step through an epoch.</source>
        <translation>暫停訓練，並開啟訓練器的副本來逐步執行一個訓練週期。</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Previous phase (Ctrl+Left or ,)</source>
        <translation>上一步（Ctrl+← 或 ,）</translation>
    </message>
    <message>
        <source>Next phase (Ctrl+Right or .)</source>
        <translation>下一步（Ctrl+→ 或 .）</translation>
    </message>
    <message>
        <source>whole batch</source>
        <translation>整個批次</translation>
    </message>
    <message>
        <source>Training point to follow (−1 = the whole batch, as the engine computes it). Clicking a point on the map picks it too.</source>
        <translation>要追蹤的訓練資料點（−1＝整個批次，與引擎的計算方式相同）。在分類圖上點選資料點也可以選取。</translation>
    </message>
    <message>
        <source>Apply epoch</source>
        <translation>套用此週期</translation>
    </message>
    <message>
        <source>Run this epoch on the trainer: the weights end exactly as one normal training step leaves them.</source>
        <translation>在訓練器上執行這個訓練週期：結果的權重與一般訓練一步完全相同。</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>樣本：</translation>
    </message>
    <message>
        <source>Not applied: {e}</source>
        <translation>未套用：{e}</translation>
    </message>
    <message>
        <source>Applied epoch {epoch}: loss {loss:.5g}, accuracy {accuracy:.0%}; weights {exact}.</source>
        <translation>已套用第 {epoch} 個訓練週期：損失 {loss:.5g}，準確率 {accuracy:.0%}；權重{exact}。</translation>
    </message>
    <message>
        <source>Epoch {epoch}: {title}</source>
        <translation>第 {epoch} 個訓練週期：{title}</translation>
    </message>
    <message>
        <source>phase {value} / {len}</source>
        <translation>步驟 {value} / {len}</translation>
    </message>
    <message>
        <source>input</source>
        <translation>輸入層</translation>
    </message>
    <message>
        <source>{k} (out)</source>
        <translation>{k}（輸出）</translation>
    </message>
    <message>
        <source>Parameter table shows the first {MAX_PARAM_ROWS} of {len}.</source>
        <translation>參數表只列出 {len} 個中的前 {MAX_PARAM_ROWS} 個。</translation>
    </message>
</context>
<context>
    <name>LessonBanner</name>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>&lt;b&gt;Example: {title}.&lt;/b&gt; {lesson}</source>
        <translation>&lt;b&gt;範例：{title}。&lt;/b&gt;{lesson}</translation>
    </message>
</context>
<context>
    <name>MaeCurves</name>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>train MAE</source>
        <translation>訓練 MAE</translation>
    </message>
    <message>
        <source>test MAE</source>
        <translation>測試 MAE</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Add points or pick a data set: click on the map, or press Regenerate.</source>
        <translation>請新增資料點或選擇資料集：在分類圖上點一下，或按「重新產生」。</translation>
    </message>
    <message>
        <source>Backprop Lab</source>
        <translation>Backprop Lab</translation>
    </message>
    <message>
        <source>Ready: press Play (Space) or Step (→).</source>
        <translation>準備就緒：按「播放」（空白鍵）或「單步」（→）。</translation>
    </message>
    <message>
        <source>colour edges by gradient</source>
        <translation>以梯度為連線上色</translation>
    </message>
    <message>
        <source>Edge colour and width show dL/dw of the last epoch instead of the weight w</source>
        <translation>連線的顏色與粗細改為顯示上一個訓練週期的 dL/dw，而不是權重 w</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>對數刻度</translation>
    </message>
    <message>
        <source>Loss axis on a log scale (shows slow late progress)</source>
        <translation>損失軸使用對數刻度（看得到後期緩慢的進展）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>神經網路</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>權重</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度範數</translation>
    </message>
    <message>
        <source>Truth vs prediction</source>
        <translation>真實與預測</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <source>Reset: epoch 0, the same initial weights.</source>
        <translation>已重設：第 0 個訓練週期，使用相同的初始權重。</translation>
    </message>
    <message>
        <source>Point not added: {e}</source>
        <translation>未新增資料點：{e}</translation>
    </message>
    <message>
        <source>New data set ({dataset}, {why}): a new run from epoch 0 with the same initial weights.</source>
        <translation>新的資料集（{dataset}，{why}）：以相同的初始權重從第 0 個訓練週期重新開始。</translation>
    </message>
    <message>
        <source>Network rebuilt ({rebuild_reason} changed): epoch 0, new initial weights.</source>
        <translation>網路已重建（{rebuild_reason} 已變更）：回到第 0 個訓練週期，使用新的初始權重。</translation>
    </message>
    <message>
        <source>Reset: epoch 0, new initial weights from seed {seed}.</source>
        <translation>已重設：第 0 個訓練週期，由種子 {seed} 產生新的初始權重。</translation>
    </message>
    <message>
        <source>Viewing kept epoch {epoch}: training paused. &apos;Resume from here&apos; trains on from it; &apos;Live&apos; goes back.</source>
        <translation>正在檢視保留的第 {epoch} 個訓練週期：訓練已暫停。「從這裡繼續」由此接著訓練；「即時」回到最新狀態。</translation>
    </message>
    <message>
        <source>Could not go back: {error}</source>
        <translation>無法返回：{error}</translation>
    </message>
</context>
<context>
    <name>MapReadout</name>
    <message>
        <source>p = {0} → class {1}</source>
        <translation>p = {0} → 類別 {1}</translation>
    </message>
    <message>
        <source>p(class {0}) = {1}</source>
        <translation>p(類別 {0}) = {1}</translation>
    </message>
    <message>
        <source>predicted ŷ = {0}</source>
        <translation>預測 ŷ = {0}</translation>
    </message>
    <message>
        <source>output = {0}</source>
        <translation>輸出 = {0}</translation>
    </message>
</context>
<context>
    <name>MenuBar</name>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>E&amp;xperiments</source>
        <translation>實驗(&amp;X)</translation>
    </message>
</context>
<context>
    <name>Movie</name>
    <message>
        <source>{name}: use .gif or .mp4</source>
        <translation>{name}：請使用 .gif 或 .mp4</translation>
    </message>
    <message>
        <source>{kind} export needs {package}: pip install &apos;backprop-lab[movie]&apos;</source>
        <translation>匯出 {kind} 需要 {package}：pip install &apos;backprop-lab[movie]&apos;</translation>
    </message>
    <message>
        <source>frame rate must be in (0, 100] frames per second, got {fps:g}</source>
        <translation>影格速率必須在 (0, 100] 格／秒之間，目前是 {fps:g}</translation>
    </message>
    <message>
        <source>frame size must be 160 to 2048 pixels, got {size}</source>
        <translation>影格大小必須在 160 到 2048 像素之間，目前是 {size}</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>class {k}</source>
        <translation>類別 {k}</translation>
    </message>
    <message>
        <source>input</source>
        <translation>輸入層</translation>
    </message>
    <message>
        <source>conv</source>
        <translation>卷積</translation>
    </message>
    <message>
        <source>hidden {k}</source>
        <translation>隱藏層 {k}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>輸出層</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>權重 w</translation>
    </message>
    <message>
        <source>gradient dL/dw</source>
        <translation>梯度 dL/dw</translation>
    </message>
    <message>
        <source>Edges: {what} — &lt;span style=&apos;color:{CLASS1}&apos;&gt;blue +&lt;/span&gt;, &lt;span style=&apos;color:{CLASS0}&apos;&gt;orange −&lt;/span&gt;, width ∝ |value| per layer. &lt;span style=&apos;color:{WRONG}&apos;&gt;Red frame&lt;/span&gt;: saturated unit; grey ✕: dead unit. Hover an edge or a neuron.</source>
        <translation>連線：{what} — &lt;span style=&apos;color:{CLASS1}&apos;&gt;藍色為正&lt;/span&gt;、&lt;span style=&apos;color:{CLASS0}&apos;&gt;橘色為負&lt;/span&gt;，每層的線寬 ∝ |數值|。&lt;span style=&apos;color:{WRONG}&apos;&gt;紅框&lt;/span&gt;：飽和的神經元；灰色 ✕：死亡的神經元。將滑鼠移到連線或神經元上可查看數值。</translation>
    </message>
</context>
<context>
    <name>NetworkSection</name>
    <message>
        <source>Hidden layers</source>
        <translation>隱藏層數</translation>
    </message>
    <message>
        <source>Number of hidden layers (0 = logistic regression on the inputs)</source>
        <translation>隱藏層的數目（0＝直接對輸入做邏輯斯迴歸）</translation>
    </message>
    <message>
        <source>Neurons in hidden layer {value}</source>
        <translation>第 {value} 個隱藏層的神經元數</translation>
    </message>
    <message>
        <source>Units per layer</source>
        <translation>每層神經元數</translation>
    </message>
    <message>
        <source>Neurons in each hidden layer, input side first</source>
        <translation>每個隱藏層的神經元數，從輸入端開始</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <source>Hidden layers&apos; activation f: a = f(z), z = a_prev·W + b</source>
        <translation>隱藏層的啟動函數 f：a = f(z)，z = a_prev·W + b</translation>
    </message>
    <message>
        <source>Leaky slope</source>
        <translation>Leaky 斜率</translation>
    </message>
    <message>
        <source>leaky_relu: f(z) = z if z &gt; 0 else slope·z</source>
        <translation>leaky_relu：z &gt; 0 時 f(z) = z，否則 f(z) = slope·z</translation>
    </message>
    <message>
        <source>Output activation</source>
        <translation>輸出層啟動函數</translation>
    </message>
    <message>
        <source>Activation of the output neurons; p = f(z_out)</source>
        <translation>輸出層神經元的啟動函數；p = f(z_out)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失函數</translation>
    </message>
    <message>
        <source> (BCE needs a sigmoid output)</source>
        <translation>（BCE 需要 sigmoid 輸出）</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方式</translation>
    </message>
    <message>
        <source>How initial weights are drawn: </source>
        <translation>初始權重的抽取方式：</translation>
    </message>
    <message>
        <source>Init scale</source>
        <translation>初始化尺度</translation>
    </message>
    <message>
        <source>a of U(−a, a) for &apos;uniform&apos;, σ of N(0, σ²) for &apos;normal&apos;</source>
        <translation>&apos;uniform&apos; 為 U(−a, a) 的 a，&apos;normal&apos; 為 N(0, σ²) 的 σ</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation>偏差值</translation>
    </message>
    <message>
        <source>use biases b</source>
        <translation>使用偏差值 b</translation>
    </message>
    <message>
        <source>z = a_prev·W + b with b trained; off: z = a_prev·W</source>
        <translation>z = a_prev·W + b，b 也會訓練；關閉時：z = a_prev·W</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>輸入特徵</translation>
    </message>
    <message>
        <source>What the network sees of each point (at least one)</source>
        <translation>神經網路從每個資料點看到的輸入（至少一個）</translation>
    </message>
</context>
<context>
    <name>PlotsOffscreen</name>
    <message>
        <source>Output p at epoch {epoch}</source>
        <translation>第 {epoch} 個訓練週期的輸出 p</translation>
    </message>
    <message>
        <source>{text}  (loss {loss:.4g})</source>
        <translation>{text}（損失 {loss:.4g}）</translation>
    </message>
</context>
<context>
    <name>ProblemMap</name>
    <message>
        <source>Argmax class · paler = less sure · click: add point&lt;br&gt;keys 0–9 pick the class · shift: delete</source>
        <translation>Argmax 類別 · 越淡＝越不確定 · 點一下：新增資料點&lt;br&gt;0–9 鍵選擇類別 · Shift：刪除</translation>
    </message>
    <message>
        <source>Prediction ŷ · click: add point with the target&lt;br&gt;wheel: change the target · shift: delete</source>
        <translation>預測 ŷ · 點一下：以目標值新增資料點&lt;br&gt;滾輪：改變目標值 · Shift：刪除</translation>
    </message>
    <message>
        <source>Prediction ŷ over the input plane{epoch}&lt;br&gt;points coloured by their target y</source>
        <translation>輸入平面上的預測 ŷ{epoch}&lt;br&gt;資料點依目標值 y 上色</translation>
    </message>
    <message>
        <source>Argmax class over the input plane{epoch}&lt;br&gt;paler: less sure; lines: decision boundaries; ringed: misclassified</source>
        <translation>輸入平面上的 argmax 類別{epoch}&lt;br&gt;越淡：越不確定；線：決策邊界；加圈：分類錯誤</translation>
    </message>
    <message>
        <source>ŷ and y</source>
        <translation>ŷ 與 y</translation>
    </message>
</context>
<context>
    <name>ProblemReadouts</name>
    <message>
        <source>R² {r2} · MAE {mae}</source>
        <translation>R² {r2} · MAE {mae}</translation>
    </message>
    <message>
        <source> / test R² {r2} · MAE {mae}</source>
        <translation>／測試 R² {r2} · MAE {mae}</translation>
    </message>
</context>
<context>
    <name>ProblemSection</name>
    <message>
        <source>two classes</source>
        <translation>兩個類別</translation>
    </message>
    <message>
        <source>K classes</source>
        <translation>K 個類別</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>迴歸</translation>
    </message>
    <message>
        <source>One sigmoid output p = P(class 1): the lab&apos;s network</source>
        <translation>一個 sigmoid 輸出 p = P(類別 1)：實驗課用的神經網路</translation>
    </message>
    <message>
        <source>K outputs, softmax p_k = e^(z_k) / Σ_j e^(z_j), cross-entropy L = mean(−log p_label)</source>
        <translation>K 個輸出，softmax p_k = e^(z_k) / Σ_j e^(z_j)，交叉熵 L = mean(−log p_label)</translation>
    </message>
    <message>
        <source>One linear output ŷ = z, L = mean((ŷ − y)²), scored by R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²</source>
        <translation>一個線性輸出 ŷ = z，L = mean((ŷ − y)²)，以 R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² 評分</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題類型</translation>
    </message>
    <message>
        <source>What the network learns: two classes, K classes or a number</source>
        <translation>神經網路要學什麼：兩個類別、K 個類別，或一個數值</translation>
    </message>
    <message>
        <source>Classes K</source>
        <translation>類別數 K</translation>
    </message>
    <message>
        <source>Number of classes: K output units, labels 0 … K − 1</source>
        <translation>類別的數目：K 個輸出神經元，標籤為 0 … K − 1</translation>
    </message>
    <message>
        <source>Stop at loss ≤</source>
        <translation>停止於損失 ≤</translation>
    </message>
    <message>
        <source>Stop training once the training loss is at or below this (0 = off); regression&apos;s stop rule</source>
        <translation>訓練損失降到這個值以下（含）時就停止訓練（0＝關閉）；迴歸用的停止規則</translation>
    </message>
    <message>
        <source>off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>A left click on the map adds a point of class {k} (key {k})</source>
        <translation>在圖上按左鍵會新增一個類別 {k} 的資料點（按鍵 {k}）</translation>
    </message>
    <message>
        <source>Click adds</source>
        <translation>點一下新增</translation>
    </message>
    <message>
        <source>Class of the point a left click adds; keys 0–9 choose it</source>
        <translation>按左鍵新增的資料點屬於哪個類別；可用 0–9 鍵選擇</translation>
    </message>
    <message>
        <source>Click target</source>
        <translation>點選目標值</translation>
    </message>
    <message>
        <source>Target y of the point a click adds; the mouse wheel over the map changes it. Its colour is the map&apos;s colour for that value</source>
        <translation>點一下新增的資料點的目標值 y；在圖上轉動滑鼠滾輪可以改變它。它的顏色就是圖上這個數值的顏色</translation>
    </message>
</context>
<context>
    <name>ProblemWindow</name>
    <message>
        <source>Confusion</source>
        <translation>混淆矩陣</translation>
    </message>
    <message>
        <source>True class against predicted class, live (classification)</source>
        <translation>真實類別對照預測類別，即時更新（分類問題）</translation>
    </message>
    <message>
        <source>K round Gaussian clusters, one per class (Problem: K classes)</source>
        <translation>K 團圓形的高斯分布資料點，每個類別一團（問題類型：K 個類別）</translation>
    </message>
    <message>
        <source>Regression: y = 0.6·(x1 + x2), TensorFlow Playground&apos;s plane</source>
        <translation>迴歸：y = 0.6·(x1 + x2)，TensorFlow Playground 的 plane（平面）</translation>
    </message>
    <message>
        <source>Regression: six bumps of height ±1, TensorFlow Playground&apos;s multi-gaussian</source>
        <translation>迴歸：六個高度為 ±1 的凸起，TensorFlow Playground 的 multi-gaussian（多重高斯）</translation>
    </message>
    <message>
        <source>A click now adds class {k}.</source>
        <translation>現在點一下會新增類別 {k}。</translation>
    </message>
    <message>
        <source>Point not added: {e}</source>
        <translation>未新增資料點：{e}</translation>
    </message>
</context>
<context>
    <name>StudyForm</name>
    <message>
        <source>Lab preset</source>
        <translation>實驗課預設</translation>
    </message>
    <message>
        <source>The lab&apos;s study: </source>
        <translation>實驗課的研究：</translation>
    </message>
    <message>
        <source>Use window&apos;s settings</source>
        <translation>使用主視窗的設定</translation>
    </message>
    <message>
        <source>Base config = the main window&apos;s current settings</source>
        <translation>基準設定＝主視窗目前的設定</translation>
    </message>
    <message>
        <source>Values (comma-separated; several values = an axis)</source>
        <translation>數值（以逗號分隔；多個值＝一個變數軸）</translation>
    </message>
    <message>
        <source>Hidden layers of each size typed (8-4 style values give their own layers)</source>
        <translation>每個輸入的大小各建幾個隱藏層（8-4 這種寫法自帶層數）</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>層</translation>
    </message>
    <message>
        <source>every combination</source>
        <translation>所有組合</translation>
    </message>
    <message>
        <source>Cross all the axes: the grid has the product of their sizes</source>
        <translation>所有變數交叉組合：組合數為各變數個數的乘積</translation>
    </message>
    <message>
        <source>one axis at a time</source>
        <translation>一次一個變數</translation>
    </message>
    <message>
        <source>Vary each axis alone, the others at the base config&apos;s value (the lab&apos;s study)</source>
        <translation>一次只改變一個變數，其他維持基準設定的值（實驗課的研究方式）</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>組合</translation>
    </message>
    <message>
        <source>Data sets</source>
        <translation>資料集</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>試驗次數</translation>
    </message>
    <message>
        <source>Seeded trials per config: trial i starts from seed base + i</source>
        <translation>每組設定的試驗次數：第 i 次試驗從種子 基準 + i 開始</translation>
    </message>
    <message>
        <source>Epochs a trial may take to reach 100% training accuracy; one that does not is a failure</source>
        <translation>每次試驗達到 100% 訓練準確率所能使用的訓練週期數；未達到即算失敗</translation>
    </message>
    <message>
        <source>Worker processes training trials at once</source>
        <translation>同時訓練試驗的工作行程數</translation>
    </message>
    <message>
        <source>Trials per config</source>
        <translation>每組設定的試驗次數</translation>
    </message>
    <message>
        <source>Epoch budget</source>
        <translation>訓練週期上限</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>行程數</translation>
    </message>
    <message>
        <source>Base ({source}): {net} {activation}/{output_activation}, {loss}, {optimizer} lr {lr:g}, {batch}, init {init}, seed {seed}. {describe_convention}. Fields left at one value keep it.</source>
        <translation>基準（{source}）：{net} {activation}/{output_activation}，{loss}，{optimizer} 學習率 {lr:g}，{batch}，初始化 {init}，種子 {seed}。{describe_convention}。只填一個值的欄位就固定使用該值。</translation>
    </message>
    <message>
        <source>no axis (one value each)</source>
        <translation>沒有變數軸（每個欄位一個值）</translation>
    </message>
    <message>
        <source>{n} config × {t} trials = {total:,} trials (axes: {axes})</source>
        <translation>{n} 組設定 × {t} 次試驗＝共 {total:,} 次試驗（變數軸：{axes}）</translation>
    </message>
    <message>
        <source>{n} configs × {t} trials = {total:,} trials (axes: {axes})</source>
        <translation>{n} 組設定 × {t} 次試驗＝共 {total:,} 次試驗（變數軸：{axes}）</translation>
    </message>
</context>
<context>
    <name>StudyProblem</name>
    <message>
        <source>Regression: a trial converges at training loss ≤ {stop:g} (the window&apos;s Stop at loss); the accuracy columns show R².</source>
        <translation>迴歸：訓練損失 ≤ {stop:g}（主視窗的「停止於損失」）時試驗即收斂；準確率欄位顯示 R²。</translation>
    </message>
    <message>
        <source>Regression with Stop at loss off: no trial converges, each runs the whole budget; set Stop at loss in the window for stop epochs. The accuracy columns show R².</source>
        <translation>迴歸且「停止於損失」為關閉：沒有試驗會收斂，每次都跑完整個上限；請在主視窗設定「停止於損失」以得到停止週期。準確率欄位顯示 R²。</translation>
    </message>
</context>
<context>
    <name>SweepChart</name>
    <message>
        <source>stop epoch vs {axis}</source>
        <translation>停止週期 vs {axis}</translation>
    </message>
    <message>
        <source>failures: {n} of {m} trials</source>
        <translation>失敗：{m} 次試驗中 {n} 次</translation>
    </message>
    <message>
        <source> (log)</source>
        <translation>（對數）</translation>
    </message>
    <message>
        <source>stop epoch</source>
        <translation>停止週期</translation>
    </message>
    <message>
        <source>The charts appear here as rows finish: the stop epoch against each setting that takes two or more values.</source>
        <translation>每一列完成後圖表就會出現在這裡：針對每個有兩個以上取值的設定，畫出停止週期對該設定的變化。</translation>
    </message>
    <message>
        <source>Mean stop epoch of the converged trials (dot) with their min and max (bar); a red × counts the trials that failed</source>
        <translation>收斂試驗的平均停止週期（點）及其最小值與最大值（長條）；紅色 × 表示失敗的試驗次數</translation>
    </message>
    <message>
        <source>Backprop Lab sweep</source>
        <translation>Backprop Lab 參數掃描</translation>
    </message>
</context>
<context>
    <name>SweepGrid</name>
    <message>
        <source>Learning rates</source>
        <translation>學習率</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隱藏層神經元數</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>最佳化方法</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>損失函數</translation>
    </message>
    <message>
        <source>Batch sizes</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>LR schedules</source>
        <translation>學習率排程</translation>
    </message>
    <message>
        <source>Learning rates, e.g. 0.1, 0.05, 0.01</source>
        <translation>學習率，例如 0.1, 0.05, 0.01</translation>
    </message>
    <message>
        <source>Units per hidden layer, e.g. 10, 50 (each: &apos;layers&apos; layers of that size); 8-4 gives exactly those layers, 0 no hidden layer</source>
        <translation>每個隱藏層的神經元數，例如 10, 50（每個值：「層數」個這種大小的層）；8-4 代表正好這兩層，0 代表沒有隱藏層</translation>
    </message>
    <message>
        <source>Hidden activations: {names}</source>
        <translation>隱藏層啟動函數：{names}</translation>
    </message>
    <message>
        <source>Optimizers: {names}</source>
        <translation>最佳化方法：{names}</translation>
    </message>
    <message>
        <source>Losses: {names}</source>
        <translation>損失函數：{names}</translation>
    </message>
    <message>
        <source>Batch sizes, 0 = full batch (mini-batches train one trial at a time: slower)</source>
        <translation>批次大小，0＝全批次（小批次一次只能訓練一個試驗，比較慢）</translation>
    </message>
    <message>
        <source>Learning-rate schedules: {names} (a schedule other than constant trains one trial at a time: slower)</source>
        <translation>學習率排程：{names}（constant 以外的排程一次只能訓練一個試驗，比較慢）</translation>
    </message>
    <message>
        <source>{label}: {token!r} is not a number</source>
        <translation>{label}：{token!r} 不是數字</translation>
    </message>
    <message>
        <source>{label}: {token!r} is not a whole number</source>
        <translation>{label}：{token!r} 不是整數</translation>
    </message>
    <message>
        <source>{label}: {token!r} is not a number of units (e.g. 50, or 8-4 for two layers)</source>
        <translation>{label}：{token!r} 不是神經元數（例如 50，或以 8-4 表示兩層）</translation>
    </message>
    <message>
        <source>{label}: unknown {field} {token!r}; choose from {names}</source>
        <translation>{label}：未知的 {field} {token!r}；請從以下選擇：{names}</translation>
    </message>
    <message>
        <source>{axis_label}: give at least one value</source>
        <translation>{axis_label}：請至少輸入一個值</translation>
    </message>
    <message>
        <source>Layers: must be at least 1, got {layers}</source>
        <translation>層數：至少要 1，目前是 {layers}</translation>
    </message>
    <message>
        <source>Data sets: tick at least one</source>
        <translation>資料集：請至少勾選一個</translation>
    </message>
    <message>
        <source>Epoch budget: {e}</source>
        <translation>訓練週期上限：{e}</translation>
    </message>
    <message>
        <source>Not a valid combination: {e}</source>
        <translation>不是有效的組合：{e}</translation>
    </message>
</context>
<context>
    <name>SweepTable</name>
    <message>
        <source>data set</source>
        <translation>資料集</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>學習率</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隱藏層</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>啟動函數</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>最佳化方法</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>trials</source>
        <translation>試驗次數</translation>
    </message>
    <message>
        <source>con-
verged</source>
        <translation>收斂
次數</translation>
    </message>
    <message>
        <source>stop
mean</source>
        <translation>停止
平均</translation>
    </message>
    <message>
        <source>stop
median</source>
        <translation>停止
中位數</translation>
    </message>
    <message>
        <source>stop
min</source>
        <translation>停止
最小</translation>
    </message>
    <message>
        <source>stop
max</source>
        <translation>停止
最大</translation>
    </message>
    <message>
        <source>fail-
ures</source>
        <translation>失敗
次數</translation>
    </message>
    <message>
        <source>di-
verged</source>
        <translation>發散
次數</translation>
    </message>
    <message>
        <source>avg
accuracy</source>
        <translation>平均
準確率</translation>
    </message>
    <message>
        <source>best
accuracy</source>
        <translation>最佳
準確率</translation>
    </message>
    <message>
        <source>s /
trial</source>
        <translation>秒／
試驗</translation>
    </message>
    <message>
        <source>Mean first epoch at 100% training accuracy, over the trials that reached it</source>
        <translation>首次達到 100% 訓練準確率的訓練週期平均值（只計達到的試驗）</translation>
    </message>
    <message>
        <source>Median stop epoch over the trials that converged</source>
        <translation>收斂試驗停止時訓練週期的中位數</translation>
    </message>
    <message>
        <source>Trials that did not reach 100% training accuracy within the epoch budget</source>
        <translation>在訓練週期上限內未達到 100% 訓練準確率的試驗</translation>
    </message>
    <message>
        <source>Trials whose loss became NaN or infinite (counted among the failures too)</source>
        <translation>損失變成 NaN 或無限大的試驗（也算在失敗中）</translation>
    </message>
    <message>
        <source>Final training accuracy, averaged over the trials</source>
        <translation>最後的訓練準確率，所有試驗的平均</translation>
    </message>
    <message>
        <source>Final training accuracy of the best trial</source>
        <translation>表現最好的試驗最後的訓練準確率</translation>
    </message>
    <message>
        <source>Wall time per trial (several trials run at once)</source>
        <translation>每次試驗的實際時間（多個試驗同時執行）</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <source>Drag to look at earlier kept states; training pauses while you look</source>
        <translation>拖曳以查看先前保留的狀態；查看時訓練會暫停</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>從這裡繼續</translation>
    </message>
    <message>
        <source>Continue training from the epoch on view; the later epochs&apos; curves stay visible for comparison</source>
        <translation>從目前檢視的訓練週期繼續訓練；之後週期的曲線會保留，方便比較</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>Back to the newest epoch</source>
        <translation>回到最新的訓練週期</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>時間軸</translation>
    </message>
    <message>
        <source>live</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>viewing</source>
        <translation>檢視中</translation>
    </message>
    <message>
        <source>{n} state kept</source>
        <translation>保留 {n} 個狀態</translation>
    </message>
    <message>
        <source>{n} states kept</source>
        <translation>保留 {n} 個狀態</translation>
    </message>
    <message>
        <source>no earlier state kept</source>
        <translation>沒有保留先前的狀態</translation>
    </message>
    <message>
        <source>epoch {on_view} of {live} ({where}), {kept}, {mb}</source>
        <translation>第 {on_view} / {live} 週期（{where}），{kept}，{mb}</translation>
    </message>
</context>
<context>
    <name>ToolboxControls</name>
    <message>
        <source>ELU α</source>
        <translation>ELU α</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>學習率排程</translation>
    </message>
    <message>
        <source>How the learning rate η changes with the epoch (t = epoch − 1, η₀ = the learning rate above):</source>
        <translation>學習率 η 如何隨訓練週期改變（t = 週期 − 1，η₀ = 上方的學習率）：</translation>
    </message>
    <message>
        <source>Period T</source>
        <translation>週期 T</translation>
    </message>
    <message>
        <source>T in epochs: step every T; decay by d per T; cosine / cycle length T</source>
        <translation>以訓練週期計的 T：step 每 T 個週期變一次；每 T 個週期衰減 d 倍；cosine／循環長度為 T</translation>
    </message>
    <message>
        <source>Decay d</source>
        <translation>衰減 d</translation>
    </message>
    <message>
        <source>η min</source>
        <translation>η 最小值</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>重新開始</translation>
    </message>
    <message>
        <source>warm restarts every T</source>
        <translation>每 T 個週期熱重啟</translation>
    </message>
    <message>
        <source>cosine with warm restarts (SGDR): t runs modulo T, so η jumps back to η₀ every T epochs</source>
        <translation>帶熱重啟的 cosine（SGDR）：t 對 T 取餘數，所以 η 每 T 個訓練週期跳回 η₀</translation>
    </message>
    <message>
        <source>Dropout rate p of hidden layer {0}</source>
        <translation>第 {0} 個隱藏層的 dropout 比率 p</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>丟棄法（Dropout）</translation>
    </message>
    <message>
        <source>Inverted dropout, a rate p per hidden layer (0 = off): while training each unit&apos;s output is kept with probability 1 − p and scaled: a ← a ⊙ m/(1 − p); the backward pass multiplies ∂L/∂a by the same mask. Off for the test set, the map and the accuracy. The masks are seeded, so Step and saved sessions repeat exactly.</source>
        <translation>反向 dropout，每個隱藏層一個比率 p（0＝關閉）：訓練時每個神經元的輸出以機率 1 − p 保留並放大：a ← a ⊙ m/(1 − p)；反向傳播時 ∂L/∂a 乘上同一個遮罩。測試集、分類圖與準確率不使用 dropout。遮罩有固定種子，所以單步執行與儲存的工作階段都能完全重現。</translation>
    </message>
    <message>
        <source>Clip ‖g‖</source>
        <translation>裁切 ‖g‖</translation>
    </message>
    <message>
        <source>Gradient clipping by global norm (0 = off): if ‖g‖ &gt; c then g ← g·c/‖g‖, ‖g‖ = √(Σ g²) over every parameter. The Gradient norms tab shows how often it clips.</source>
        <translation>依整體範數裁切梯度（0＝關閉）：若 ‖g‖ &gt; c 則 g ← g·c/‖g‖，‖g‖ = √(Σ g²) 涵蓋所有參數。「梯度範數」分頁會顯示裁切的頻率。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Early stop</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>Patience N: stop when the test loss has not improved for N epochs and go back to the weights of the best epoch (needs a test split; 0 = off)</source>
        <translation>耐心值 N：測試損失連續 N 個訓練週期沒有改善時停止，並回到最佳訓練週期的權重（需要測試集；0＝關閉）</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 個週期</translation>
    </message>
</context>
<context>
    <name>ToolboxViews</name>
    <message>
        <source>The learning rate η of each epoch (the schedule&apos;s formula is in the LR schedule box&apos;s tooltip)</source>
        <translation>每個訓練週期的學習率 η（排程的公式在「學習率排程」欄位的提示中）</translation>
    </message>
    <message>
        <source>Gradient clipping by global norm: if ‖g‖ &gt; c then g ← g·c/‖g‖. The share counts the optimizer steps (mini-batches) whose gradient was scaled down; the curves above show the norms after clipping.</source>
        <translation>依整體範數裁切梯度：若 ‖g‖ &gt; c 則 g ← g·c/‖g‖。比例計算的是梯度被縮小的最佳化步數（小批次）；上方的曲線顯示裁切後的範數。</translation>
    </message>
    <message>
        <source>Clipping at ‖g‖ = {0:g}: no step yet</source>
        <translation>在 ‖g‖ = {0:g} 裁切：尚未有任何一步</translation>
    </message>
    <message>
        <source>Clipped to ‖g‖ ≤ {0:g}: {1:.0f} % of the steps of the last {2} epochs, {3:.0f} % of the run</source>
        <translation>裁切到 ‖g‖ ≤ {0:g}：最近 {2} 個訓練週期中 {1:.0f} % 的步數，整次訓練的 {3:.0f} %</translation>
    </message>
    <message>
        <source>Learning rate of the next epoch; schedule: {0}
{1}</source>
        <translation>下一個訓練週期的學習率；排程：{0}
{1}</translation>
    </message>
</context>
<context>
    <name>TrainingSection</name>
    <message>
        <source>Optimizer</source>
        <translation>最佳化方法</translation>
    </message>
    <message>
        <source>How the gradient g becomes a step; η is the learning rate:</source>
        <translation>梯度 g 如何變成一步更新；η 是學習率：</translation>
    </message>
    <message>
        <source>Learning rate η (log scale 1e-5 … 10; type any value in (0, 1000]): w ← w − η·g for SGD</source>
        <translation>學習率 η（對數刻度 1e-5 … 10；可輸入 (0, 1000] 之間的任何值）：SGD 的更新為 w ← w − η·g</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>學習率</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>動量 μ</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>look ahead</source>
        <translation>前瞻</translation>
    </message>
    <message>
        <source>Nesterov momentum: w ← w + μ·v − η·g (gradient at the look-ahead point)</source>
        <translation>Nesterov 動量：w ← w + μ·v − η·g（在前瞻點計算梯度）</translation>
    </message>
    <message>
        <source>Adam&apos;s first-moment decay: m ← β₁m + (1−β₁)g</source>
        <translation>Adam 一階動差的衰減率：m ← β₁m + (1−β₁)g</translation>
    </message>
    <message>
        <source>Adam&apos;s second-moment decay: v ← β₂v + (1−β₂)g²</source>
        <translation>Adam 二階動差的衰減率：v ← β₂v + (1−β₂)g²</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>use max of v</source>
        <translation>使用 v 的最大值</translation>
    </message>
    <message>
        <source>AMSGrad: divide by √(max of all v so far) instead of √v</source>
        <translation>AMSGrad：除以 √(目前為止所有 v 的最大值)，而不是 √v</translation>
    </message>
    <message>
        <source>RMSprop decay: s ← ρ·s + (1 − ρ)·g²</source>
        <translation>RMSprop 衰減率：s ← ρ·s + (1 − ρ)·g²</translation>
    </message>
    <message>
        <source>Added to the denominator: w ← w − η·g / (√s + ε)</source>
        <translation>加在分母上：w ← w − η·g / (√s + ε)</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批次</translation>
    </message>
    <message>
        <source>Points per gradient step; 0 = full batch (one step per epoch). Mini-batches are reshuffled every epoch.</source>
        <translation>每一步梯度更新使用的資料點數；0＝全批次（每個訓練週期更新一次）。小批次在每個訓練週期都會重新洗牌。</translation>
    </message>
    <message>
        <source>Adds l1·Σ|w| to the loss (weights, not biases): g += l1·sign(w)</source>
        <translation>在損失中加上 l1·Σ|w|（只對權重，不含偏差值）：g += l1·sign(w)</translation>
    </message>
    <message>
        <source>Adds l2/2·Σw² to the loss (weights, not biases): g += l2·w</source>
        <translation>在損失中加上 l2/2·Σw²（只對權重，不含偏差值）：g += l2·w</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>權重衰減</translation>
    </message>
    <message>
        <source>Decoupled decay after each step: w ← w − η·λ·w (weights only)</source>
        <translation>每一步之後分開進行的衰減：w ← w − η·λ·w（只對權重）</translation>
    </message>
    <message>
        <source>Max epochs</source>
        <translation>最大訓練週期數</translation>
    </message>
    <message>
        <source>Training stops when the epoch count reaches this</source>
        <translation>訓練週期數達到這個值時停止訓練</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>at 100 % accuracy</source>
        <translation>準確率 100 % 時停止</translation>
    </message>
    <message>
        <source>Stop as soon as every training point is classified right</source>
        <translation>所有訓練資料點都分類正確時立刻停止</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>種子</translation>
    </message>
    <message>
        <source>Seed of the initial weights and of the mini-batch shuffle (same seed → same start; a change rebuilds the network)</source>
        <translation>初始權重與小批次洗牌所用的種子（相同種子 → 相同起點；變更會重建網路）</translation>
    </message>
    <message>
        <source>Learning rate: {text!r} is not a number</source>
        <translation>學習率：{text!r} 不是數字</translation>
    </message>
</context>
<context>
    <name>TrainingToolbar</name>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play / pause training (Space)</source>
        <translation>播放／暫停訓練（空白鍵）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>單步</translation>
    </message>
    <message>
        <source>Run exactly one epoch: forward pass, backward pass, one optimizer update (Right arrow or N)</source>
        <translation>正好執行一個訓練週期：前向傳播、反向傳播、一次最佳化更新（→ 或 N）</translation>
    </message>
    <message>
        <source>How many epochs &apos;Step N&apos; runs</source>
        <translation>「執行 N 步」要訓練幾個週期</translation>
    </message>
    <message>
        <source>Step N</source>
        <translation>執行 N 步</translation>
    </message>
    <message>
        <source>Run the number of epochs on the left, then pause</source>
        <translation>執行左側數字的訓練週期數，然後暫停</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重設</translation>
    </message>
    <message>
        <source>Back to epoch 0 with the same initial weights (R)</source>
        <translation>回到第 0 個訓練週期，使用相同的初始權重（R）</translation>
    </message>
    <message>
        <source>New weights</source>
        <translation>新的權重</translation>
    </message>
    <message>
        <source>Back to epoch 0 with new initial weights from a fresh random seed (Shift+R)</source>
        <translation>回到第 0 個訓練週期，以新的隨機種子產生新的初始權重（Shift+R）</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>Epochs per second: {speeds}. At slow speeds every epoch is drawn.</source>
        <translation>每秒訓練週期數：{speeds}。速度慢時每個訓練週期都會畫出來。</translation>
    </message>
    <message>
        <source>epoch 0</source>
        <translation>第 0 週期</translation>
    </message>
    <message>
        <source>Epochs trained since the last reset</source>
        <translation>自上次重設以來訓練的週期數</translation>
    </message>
    <message>
        <source>loss –</source>
        <translation>損失 –</translation>
    </message>
    <message>
        <source>Training loss of the last epoch (and test loss when there are test points)</source>
        <translation>上一個訓練週期的訓練損失（有測試資料點時也顯示測試損失）</translation>
    </message>
    <message>
        <source>accuracy –</source>
        <translation>準確率 –</translation>
    </message>
    <message>
        <source>Share of training points classified right (p &gt; 0.5 ↔ class 1), and of test points</source>
        <translation>分類正確的訓練資料點比例（p &gt; 0.5 ↔ 類別 1），以及測試資料點的比例</translation>
    </message>
    <message>
        <source>0 epochs/s</source>
        <translation>每秒 0 個週期</translation>
    </message>
    <message>
        <source>Epochs trained per second, measured</source>
        <translation>實測每秒訓練的週期數</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>epoch {epoch:,}</source>
        <translation>第 {epoch:,} 週期</translation>
    </message>
    <message>
        <source>loss {value}</source>
        <translation>損失 {value}</translation>
    </message>
    <message>
        <source>accuracy {value}</source>
        <translation>準確率 {value}</translation>
    </message>
    <message>
        <source> / test {value}</source>
        <translation>／測試 {value}</translation>
    </message>
    <message>
        <source>{epochs_per_second:,.0f} epochs/s</source>
        <translation>每秒 {epochs_per_second:,.0f} 個週期</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>No training points: add points or pick a data set.</source>
        <translation>沒有訓練資料點：請新增資料點或選擇資料集。</translation>
    </message>
    <message>
        <source>Stopped at max epochs ({max_epochs}): raise Max epochs or Reset to train on.</source>
        <translation>已達最大訓練週期數（{max_epochs}）而停止：調高「最大訓練週期數」或重設後再繼續訓練。</translation>
    </message>
    <message>
        <source>Already converged at epoch {epoch}: untick &apos;stop at 100 %&apos; or Reset to train on.</source>
        <translation>已在第 {epoch} 個訓練週期收斂：取消勾選「準確率 100 % 時停止」或重設後再繼續訓練。</translation>
    </message>
    <message>
        <source>Stopped early at epoch {0} (the best weights are back): raise the patience, set Early stop off or Reset to train on.</source>
        <translation>已在第 {0} 個訓練週期提前停止（已回到最佳權重）：調高耐心值、關閉「提前停止」或重設後再繼續訓練。</translation>
    </message>
    <message>
        <source>Data not used: {e}</source>
        <translation>資料未採用：{e}</translation>
    </message>
    <message>
        <source>Setting not applied: {e}</source>
        <translation>設定未套用：{e}</translation>
    </message>
</context>
<context>
    <name>WeightText</name>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 層</translation>
    </message>
    <message>
        <source>weight w = {0}</source>
        <translation>權重 w = {0}</translation>
    </message>
    <message>
        <source>gradient dL/dw = {0}</source>
        <translation>梯度 dL/dw = {0}</translation>
    </message>
    <message>
        <source>last update Δw = {0}</source>
        <translation>上一次更新 Δw = {0}</translation>
    </message>
    <message>
        <source>tap {0}</source>
        <translation>核位置 {0}</translation>
    </message>
    <message>
        <source>conv{0} (every position)</source>
        <translation>卷積 {0}（每個位置）</translation>
    </message>
</context>
<context>
    <name>WeightsView</name>
    <message>
        <source>layer {k} (conv kernel): {rows} × {cols}</source>
        <translation>第 {k} 層（卷積核）：{rows} × {cols}</translation>
    </message>
    <message>
        <source>layer {k}: {rows} × {cols}</source>
        <translation>第 {k} 層：{rows} × {cols}</translation>
    </message>
    <message>
        <source>from</source>
        <translation>來自</translation>
    </message>
    <message>
        <source>to</source>
        <translation>連到</translation>
    </message>
</context>
</TS>
