;; core.async skynet: 10-ary tree of go blocks, each level takes its children's results.
(require '[clojure.core.async :as a])
(defn skynet [num size]
  (if (= size 1)
    (a/go num)
    (let [child (quot size 10)
          kids (mapv (fn [i] (skynet (+ num (* i child)) child)) (range 10))]
      (a/go (loop [ks kids s 0]
              (if (empty? ks) s (recur (rest ks) (+ s (a/<! (first ks))))))))))
(println (a/<!! (skynet 0 (Long/parseLong (first *command-line-args*)))))
(shutdown-agents)
