;; core.async: n round trips between two go blocks over two unbuffered channels.
(require '[clojure.core.async :as a])
(let [n (Long/parseLong (first *command-line-args*))
      ping (a/chan) pong (a/chan)]
  (a/go (loop [i 0] (when (< i n) (a/>! pong (a/<! ping)) (recur (inc i)))))
  (println (a/<!! (a/go (loop [i 0] (if (< i n) (do (a/>! ping i) (a/<! pong) (recur (inc i))) i))))))
(shutdown-agents)
