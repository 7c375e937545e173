-- Revision 0008 (issue "Sync under faults and attack"): the files 0008_*.sql run in name order.
SELECT 1;
