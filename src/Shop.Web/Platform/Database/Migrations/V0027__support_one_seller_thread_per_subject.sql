-- One buyer-seller thread per customer, seller and order, and per customer, seller and product (threads
-- about a product have no order). Writing again continued the thread by looking it up first, so two first
-- messages at the same moment could each start one; the unique indexes below make that impossible.
--
-- Threads already duplicated are merged into the oldest of each group (the one the lookup continued):
-- their messages, reports, attachments and ratings move to it, read positions keep the furthest of each
-- participant, and it takes the newest thread's state (status, snooze, assignee, last message).
CREATE TEMPORARY TABLE seller_thread_merges ON COMMIT DROP AS
SELECT id AS duplicate_id, survivor_id, newest_id
  FROM (SELECT id,
               first_value(id) OVER subject AS survivor_id,
               first_value(id) OVER (PARTITION BY customer_id, seller_id, order_id, CASE WHEN order_id IS NULL THEN product_id END
                                     ORDER BY last_message_at DESC, id DESC) AS newest_id,
               row_number() OVER subject AS position
          FROM support.conversations
         WHERE channel = 'orderthread' AND customer_id IS NOT NULL AND seller_id IS NOT NULL
           AND (order_id IS NOT NULL OR product_id IS NOT NULL)
        WINDOW subject AS (PARTITION BY customer_id, seller_id, order_id, CASE WHEN order_id IS NULL THEN product_id END
                           ORDER BY created_at, id)) grouped
 WHERE position > 1;

UPDATE support.conversations survivor
   SET status = newest.status,
       snoozed_until = newest.snoozed_until,
       assignee_id = COALESCE(newest.assignee_id, survivor.assignee_id),
       last_message_at = newest.last_message_at,
       updated_at = GREATEST(survivor.updated_at, newest.updated_at)
  FROM (SELECT DISTINCT survivor_id, newest_id FROM seller_thread_merges) merge
  JOIN support.conversations newest ON newest.id = merge.newest_id
 WHERE survivor.id = merge.survivor_id AND merge.newest_id <> merge.survivor_id;

UPDATE support.messages m SET conversation_id = merge.survivor_id
  FROM seller_thread_merges merge WHERE m.conversation_id = merge.duplicate_id;
UPDATE support.message_reports r SET conversation_id = merge.survivor_id
  FROM seller_thread_merges merge WHERE r.conversation_id = merge.duplicate_id;
UPDATE support.attachments a SET conversation_id = merge.survivor_id
  FROM seller_thread_merges merge WHERE a.conversation_id = merge.duplicate_id;
UPDATE support.ratings r SET conversation_id = merge.survivor_id
  FROM seller_thread_merges merge WHERE r.conversation_id = merge.duplicate_id;

INSERT INTO support.read_positions (conversation_id, participant_key, last_read_message_id)
SELECT merge.survivor_id, p.participant_key, max(p.last_read_message_id)
  FROM support.read_positions p JOIN seller_thread_merges merge ON merge.duplicate_id = p.conversation_id
 GROUP BY merge.survivor_id, p.participant_key
    ON CONFLICT (conversation_id, participant_key) DO UPDATE
   SET last_read_message_id = GREATEST(support.read_positions.last_read_message_id, EXCLUDED.last_read_message_id);

-- What stays with a duplicate (its read positions, its reply-email mark) goes with it.
DELETE FROM support.conversations c USING seller_thread_merges merge WHERE c.id = merge.duplicate_id;

CREATE UNIQUE INDEX ux_conversations_seller_thread_order ON support.conversations (customer_id, seller_id, order_id)
    WHERE channel = 'orderthread' AND order_id IS NOT NULL;
CREATE UNIQUE INDEX ux_conversations_seller_thread_product ON support.conversations (customer_id, seller_id, product_id)
    WHERE channel = 'orderthread' AND order_id IS NULL;
