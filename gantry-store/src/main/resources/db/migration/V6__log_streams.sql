-- Which output stream a log part came from (STDOUT or STDERR): the writer starts a new part when
-- the stream changes, so a part holds one stream's lines. Parts stored before this all read as
-- STDOUT, which is what the API showed them as.
alter table log_parts add column stream varchar(8) default 'STDOUT' not null;
